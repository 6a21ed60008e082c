package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's rate limits on a platform of their own with small limits: per client address,
 * per user, and per address and email on login and registration; 429 with Retry-After and the
 * RateLimit headers; X-Forwarded-For honoured only from a trusted proxy; a bounded number of keys.
 * Each test speaks from addresses of its own (the test runner is the trusted proxy).
 */
class RateLimitTest {

  private static final int CLIENT_LIMIT = 5;
  private static final int USER_LIMIT = 3;
  private static final int LOGIN_LIMIT = 3;
  private static final int MAX_KEYS = 50;

  private static final String TRUSTED = "127.0.0.1,0:0:0:0:0:0:0:1";

  private static RunningPlatform behindProxy;
  private static RunningPlatform direct;
  /** A gateway alone with room for few keys: flooding it must not evict the other tests' counts. */
  private static RunningPlatform flooded;

  @BeforeAll
  static void start() {
    behindProxy = RunningPlatform.start(BusKind.LOCAL, overrides -> overrides
        .put(ConfigKeys.RATE_LIMIT_RPM, Integer.toString(CLIENT_LIMIT))
        .put(ConfigKeys.USER_RATE_LIMIT_RPM, Integer.toString(USER_LIMIT))
        .put(ConfigKeys.LOGIN_RATE_LIMIT_RPM, Integer.toString(LOGIN_LIMIT))
        .put(ConfigKeys.TRUSTED_PROXIES, TRUSTED));
    behindProxy.awaitReady();
    flooded = RunningPlatform.start(BusKind.LOCAL, overrides -> overrides
        .put(ConfigKeys.SERVICES, "gateway")
        .put(ConfigKeys.RATE_LIMIT_MAX_KEYS, Integer.toString(MAX_KEYS))
        .put(ConfigKeys.TRUSTED_PROXIES, TRUSTED));
    direct = RunningPlatform.start(BusKind.LOCAL, overrides -> overrides
        .put(ConfigKeys.SERVICES, "gateway")
        .put(ConfigKeys.RATE_LIMIT_RPM, Integer.toString(CLIENT_LIMIT)));
  }

  @AfterAll
  static void stop() {
    behindProxy.stop();
    direct.stop();
    flooded.stop();
  }

  private static String address() {
    return "203.0." + (int) (Math.random() * 255) + "." + (int) (Math.random() * 255);
  }

  private static Http.Response get(Http http, String path, String token, String forwardedFor) {
    return http.send("GET", path, null, token, forwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", forwardedFor));
  }

  @Test
  void anAddressGetsItsLimitThen429WithRetryAfterAndRateLimitHeaders() {
    Http http = behindProxy.http();
    String client = address();
    for (int n = 1; n <= CLIENT_LIMIT; n++) {
      Http.Response ok = get(http, "/products?pageSize=1", null, client);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("RateLimit-Limit")).isEqualTo(Integer.toString(CLIENT_LIMIT));
      assertThat(ok.header("RateLimit-Remaining")).isEqualTo(Integer.toString(CLIENT_LIMIT - n));
      assertThat(Integer.parseInt(ok.header("RateLimit-Reset"))).isBetween(1, 60);
    }
    Http.Response limited = get(http, "/products?pageSize=1", null, client);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().getInteger("statusCode")).isEqualTo(429);
    assertThat(limited.json().getString("error")).isEqualTo("Too Many Requests");
    assertThat(limited.json().getString("path")).isEqualTo("/products");
    assertThat(limited.json().getString("message")).startsWith("Too many requests from this address");
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");

    // Another address is not affected; probes and docs are never limited.
    assertThat(get(http, "/products?pageSize=1", null, address()).status()).isEqualTo(200);
    for (int n = 0; n < CLIENT_LIMIT + 2; n++) {
      assertThat(get(http, "/health/live", null, client).status()).isEqualTo(200);
      assertThat(get(http, "/openapi.json", null, client).status()).isEqualTo(200);
    }
  }

  @Test
  void theClientIsTheLastAddressNotAddedByATrustedProxy() {
    Http http = behindProxy.http();
    String client = address();
    // A client writing its own X-Forwarded-For gets nothing from it: the proxy appends the real one.
    for (int n = 0; n < CLIENT_LIMIT; n++) {
      assertThat(get(http, "/products?pageSize=1", null, address() + ", " + client).status()).isEqualTo(200);
    }
    assertThat(get(http, "/products?pageSize=1", null, "10.9.9.9, " + client).status()).isEqualTo(429);
  }

  @Test
  void forwardedForFromAnUntrustedPeerIsIgnored() {
    Http http = direct.http();
    for (int n = 0; n < CLIENT_LIMIT; n++) {
      // No services behind this gateway: 503, but counted all the same against the peer's address.
      assertThat(get(http, "/products?pageSize=1", null, address()).status()).isEqualTo(503);
    }
    Http.Response limited = get(http, "/products?pageSize=1", null, address());
    assertThat(limited.status()).isEqualTo(429);
  }

  @Test
  void loginIsLimitedPerAddressAndPerEmail() {
    Http http = behindProxy.http();
    String email = "limited-" + UUID.randomUUID() + "@example.com";
    JsonObject wrong = new JsonObject().put("email", email).put("password", "not-the-password");
    for (int n = 0; n < LOGIN_LIMIT; n++) {
      assertThat(login(http, wrong, address()).status()).isEqualTo(401);
    }
    Http.Response perEmail = login(http, wrong.copy().put("email", email.toUpperCase()), address());
    assertThat(perEmail.status()).as(perEmail + " " + perEmail.headers()).isEqualTo(429);
    assertThat(perEmail.json().getString("message")).startsWith("Too many sign-in attempts for this account");
    assertThat(Integer.parseInt(perEmail.header("Retry-After"))).isBetween(1, 60);

    String client = address();
    for (int n = 0; n < LOGIN_LIMIT; n++) {
      JsonObject other = new JsonObject().put("email", "other-" + UUID.randomUUID() + "@example.com")
          .put("password", "not-the-password");
      assertThat(login(http, other, client).status()).isEqualTo(401);
    }
    JsonObject registration = new JsonObject().put("email", "new-" + UUID.randomUUID() + "@example.com")
        .put("password", "password-1").put("fullName", "Limited");
    Http.Response perAddress = http.send("POST", "/auth/register", registration, null,
        Map.of("X-Forwarded-For", client));
    assertThat(perAddress.status()).isEqualTo(429);
    assertThat(perAddress.json().getString("message")).startsWith("Too many sign-in attempts from this address");
  }

  @Test
  void aSignedInUserIsLimitedWhateverTheAddress() {
    Http http = behindProxy.http();
    JsonObject registration = new JsonObject().put("email", "user-" + UUID.randomUUID() + "@example.com")
        .put("password", "password-1").put("fullName", "Busy");
    String token = http.send("POST", "/auth/register", registration, null, Map.of("X-Forwarded-For", address()))
        .json().getString("accessToken");
    for (int n = 0; n < USER_LIMIT; n++) {
      assertThat(get(http, "/auth/me", token, address()).status()).isEqualTo(200);
    }
    Http.Response limited = get(http, "/auth/me", token, address());
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().getString("message")).startsWith("Too many requests for this account");
    // Anonymous requests from the same addresses are still served.
    assertThat(get(http, "/products?pageSize=1", null, address()).status()).isEqualTo(200);
  }

  @Test
  void howeverManyClientsAppearOnlyABoundedNumberOfKeysIsKept() {
    Http http = flooded.http();
    for (int n = 0; n < 6 * MAX_KEYS; n++) {
      get(http, "/products?pageSize=1", null, "198.51." + (n / 250) + "." + (n % 250));
    }
    Matcher keys = Pattern.compile("(?m)^shop_rate_limit_keys(?:\\{[^}]*})? ([0-9.E]+)$")
        .matcher(http.get("/metrics", null).text());
    assertThat(keys.find()).as("the shop_rate_limit_keys gauge").isTrue();
    assertThat(Double.parseDouble(keys.group(1))).isLessThanOrEqualTo(MAX_KEYS);
  }

  private static Http.Response login(Http http, JsonObject body, String forwardedFor) {
    return http.send("POST", "/auth/login", body, null, Map.of("X-Forwarded-For", forwardedFor));
  }
}
