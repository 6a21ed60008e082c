package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.testing.TestSettings;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the gateway does for every route: request ids, body rules, errors, CORS, health. */
abstract class GatewayApiContract extends ApiTest {

  @Test
  void everyAnswerCarriesARequestIdEchoingTheClients() {
    Http.Response generated = http.get("/health/live", null);
    assertThat(generated.header("X-Request-Id")).isNotBlank();

    Http.Response echoed = http.send("GET", "/auth/me", null, null, Map.of("X-Request-Id", "client-chosen-42"));
    assertThat(echoed.header("X-Request-Id")).isEqualTo("client-chosen-42");
    assertThat(assertError(echoed, 401, "/auth/me").getString("requestId")).isEqualTo("client-chosen-42");
  }

  @Test
  void aBodyOverOneMebibyteIs413() {
    String big = "{\"email\":\"" + "a".repeat(1024 * 1024) + "\"}";
    assertError(http.post("/auth/login", big, null), 413, "/auth/login");
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    assertError(http.send("POST", "/auth/login", "email=a&password=b", null,
        Map.of("Content-Type", "application/x-www-form-urlencoded")), 415, "/auth/login");
    assertError(http.send("POST", "/auth/login", "{\"email\":\"a\"}", null, Map.of("Content-Type", "text/plain")), 415,
        "/auth/login");
  }

  @Test
  void malformedJsonOrANonObjectIs400() {
    assertError(http.post("/auth/login", "{\"email\":", null), 400, "/auth/login");
    assertError(http.post("/auth/login", "[1,2]", null), 400, "/auth/login");
    assertError(http.post("/auth/login", "\"text\"", null), 400, "/auth/login");
  }

  @Test
  void unknownRoutesAndMethodsAnswerJson() {
    assertError(http.get("/no/such/route?x=1", null), 404, "/no/such/route");
    assertError(http.send("PATCH", "/auth/login", "{}", null, Map.of()), 405, "/auth/login");
  }

  @Test
  void healthProbesAnswer() {
    Http.Response live = http.get("/health/live", null);
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().getString("status")).isEqualTo("UP");
    Http.Response ready = http.get("/health/ready", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().getString("status")).isEqualTo("UP");
  }

  @Test
  void corsAllowsTheConfiguredOriginsOnly() {
    Http.Response allowed = http.send("OPTIONS", "/auth/login", null, null, Map.of(
        "Origin", TestSettings.CORS_ORIGIN, "Access-Control-Request-Method", "POST",
        "Access-Control-Request-Headers", "content-type,authorization"));
    assertThat(allowed.status()).isIn(200, 204);
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(TestSettings.CORS_ORIGIN);

    Http.Response simple = http.send("GET", "/health/live", null, null, Map.of("Origin", TestSettings.CORS_ORIGIN));
    assertThat(simple.header("Access-Control-Expose-Headers")).containsIgnoringCase("X-Request-Id");

    Http.Response refused = http.send("OPTIONS", "/auth/login", null, null, Map.of(
        "Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
    assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void aJsonContentTypeWithCharsetIsAccepted() {
    Http.Response response = http.send("POST", "/auth/verify", new JsonObject().put("token", "x").encode(), null,
        Map.of("Content-Type", "application/json; charset=utf-8"));
    assertThat(response.status()).isEqualTo(200);
  }
}
