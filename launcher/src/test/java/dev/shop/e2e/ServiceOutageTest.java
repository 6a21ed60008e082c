package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.bus.ServiceNames;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.event.PipelineState;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestNats;
import dev.shop.common.testing.TestSettings;
import io.nats.NatsServerRunner;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A gateway whose services are down or stuck: 503 when nothing answers, 504 when an answer does
 * not come in time, and not ready until it has the token keys; {@code GET /admin/events} lists a
 * service that does not answer as DOWN and still answers 200. Each run has a bus of its own.
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

  /** Only the user service runs (for the administrator's login); the AR service's state never comes. */
  @ParameterizedTest
  @EnumSource(BusKind.class)
  void aServiceThatDoesNotAnswerItsPipelineStateIsListedDown(BusKind kind) throws Exception {
    try (NatsServerRunner nats = kind == BusKind.NATS ? TestNats.isolated() : null) {
      RunningPlatform userOnly = RunningPlatform.start(kind, overrides -> {
        overrides.put(ConfigKeys.SERVICES, "gateway,user").put(ConfigKeys.EVENTS_STATE_MS, "500");
        if (nats != null) {
          overrides.put(ConfigKeys.NATS_URL, nats.getURI());
        }
      });
      try {
        userOnly.awaitReady();
        Await.result(userOnly.bus().serve(new ServiceDefinition("ar", "1.0.0", "never answers its state")
            .endpoint(PipelineState.subject("ar"), request -> Promise.<BusReply>promise().future())));
        Http http = userOnly.http();
        String admin = http.post("/auth/login", new JsonObject().put("email", TestSettings.ADMIN_EMAIL)
            .put("password", TestSettings.ADMIN_PASSWORD), null).json().getString("accessToken");

        long started = System.nanoTime();
        Http.Response events = http.get("/admin/events", admin);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        JsonArray services = events.json().getJsonArray("services");
        assertThat(services.stream().map(entry -> ((JsonObject) entry).getString("service")).toList())
            .isEqualTo(ServiceNames.ALL);
        assertThat(services.getJsonObject(0).getString("status")).isEqualTo("UP");
        assertThat(services.getJsonObject(0).getLong("outboxPending")).isNotNull();
        for (int i = 1; i < services.size(); i++) {
          assertThat(services.getJsonObject(i)).as("nothing answers, or (ar) no answer comes")
              .isEqualTo(new JsonObject().put("service", ServiceNames.ALL.get(i)).put("status", "DOWN")
                  .put("outboxPending", null).put("outboxLagMs", null).put("deadLetters", null)
                  .put("oldestDeadLetter", null));
        }
        // The services are asked at once: the stuck one costs its wait once, not one per service.
        assertThat(tookMs).as("ms for the answer").isGreaterThanOrEqualTo(500).isLessThan(5_000);
      } finally {
        userOnly.stop();
      }
    }
  }
}
