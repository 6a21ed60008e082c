package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestNats;
import io.nats.NatsServerRunner;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A gateway whose services are down or stuck: 503 when nothing answers, 504 when an answer does
 * not come in time, and not ready until it has the token keys. Each run has a bus of its own.
 */
class ServiceOutageTest {

  @ParameterizedTest
  @EnumSource(BusKind.class)
  void aMissingServiceIs503AndAStuckOneIs504(BusKind kind) throws Exception {
    try (NatsServerRunner nats = kind == BusKind.NATS ? TestNats.isolated() : null) {
      RunningPlatform gatewayOnly = RunningPlatform.start(kind, overrides -> {
        overrides.put(ConfigKeys.SERVICES, "gateway").put(ConfigKeys.BUS_TIMEOUT_MS, "500");
        if (nats != null) {
          overrides.put(ConfigKeys.NATS_URL, nats.getURI());
        }
      });
      try {
        Http http = new Http(gatewayOnly.httpPort());
        assertThat(http.get("/health/live", null).status()).isEqualTo(200);
        assertThat(http.get("/health/ready", null).status()).isEqualTo(503);
        Http.Response nothingRuns = http.get("/health", null);
        assertThat(nothingRuns.status()).isEqualTo(503);
        assertThat(nothingRuns.json().getString("status")).isEqualTo("DOWN");
        assertThat(nothingRuns.json().getJsonObject("services").getJsonObject("user"))
            .isEqualTo(new JsonObject().put("status", "DOWN").put("instances", 0));

        Http.Response login = http.post("/auth/login", new JsonObject().put("email", "a@b.c").put("password", "x"), null);
        assertThat(login.status()).as(login.toString()).isEqualTo(503);
        assertThat(login.json().getString("path")).isEqualTo("/auth/login");
        assertThat(http.get("/auth/me", "some.access.token").status()).isEqualTo(503);

        Await.result(gatewayOnly.bus().serve(new ServiceDefinition("stuck", "1.0.0", "never answers")
            .endpoint("auth.login", request -> Promise.<BusReply>promise().future())));
        Http.Response stuck = http.post("/auth/login", new JsonObject().put("email", "a@b.c").put("password", "x"), null);
        assertThat(stuck.status()).as(stuck.toString()).isEqualTo(504);
        assertThat(stuck.json().getInteger("statusCode")).isEqualTo(504);

        // A service that answers pings is UP in /health even while its requests hang.
        Await.result(gatewayOnly.bus().serve(new ServiceDefinition("user", "1.0.0", "answers nothing else")
            .endpoint("user.nothing", request -> Promise.<BusReply>promise().future())));
        Http.Response oneUp = http.get("/health", null);
        assertThat(oneUp.status()).isEqualTo(503);
        JsonObject user = oneUp.json().getJsonObject("services").getJsonObject("user");
        assertThat(user.getString("status")).isEqualTo("UP");
        assertThat(user.getInteger("instances")).isEqualTo(1);
        assertThat(oneUp.json().getJsonObject("services").getJsonObject("product").getString("status"))
            .isEqualTo("DOWN");
      } finally {
        gatewayOnly.stop();
      }
    }
  }
}
