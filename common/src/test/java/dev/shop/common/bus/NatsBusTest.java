package dev.shop.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestNats;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NatsBusTest extends BusContractTest {

  @Override
  Bus createBus(Vertx vertx) {
    return Await.result(NatsBus.connect(vertx, NatsSettings.of(TestNats.url()), "bus-test", TIMEOUT,
        BusSigning.of(dev.shop.common.testing.TestSettings.BUS_SIGNING_KEY)));
  }

  @Test
  void speaksTheNatsServicesProtocolToAnyClient() throws Exception {
    serve(new ServiceDefinition("inventory", "2.1.0", "counts things")
        .endpoint(prefix + "count", request -> Future.succeededFuture(BusReply.ok(new JsonObject().put("count", 3))))
        .endpoint(prefix + "refuse", request -> {
          throw dev.shop.common.error.ShopException.forbidden("Administrator role required");
        }));

    try (Connection raw = Nats.connect(TestNats.url())) {
      Message ping = raw.request("$SRV.PING.inventory", new byte[0], Duration.ofSeconds(2));
      JsonObject pong = new JsonObject(new String(ping.getData(), StandardCharsets.UTF_8));
      assertThat(pong.getString("name")).isEqualTo("inventory");
      assertThat(pong.getString("version")).isEqualTo("2.1.0");

      Message info = raw.request("$SRV.INFO.inventory", new byte[0], Duration.ofSeconds(2));
      JsonObject infoJson = new JsonObject(new String(info.getData(), StandardCharsets.UTF_8));
      assertThat(infoJson.getJsonArray("endpoints").stream().map(e -> ((JsonObject) e).getString("queue_group")))
          .containsOnly("inventory");

      Message answer = raw.request(prefix + "count", signed(prefix + "count", "{}"), "{}".getBytes(StandardCharsets.UTF_8),
          Duration.ofSeconds(2));
      assertThat(new JsonObject(new String(answer.getData(), StandardCharsets.UTF_8)).getInteger("count")).isEqualTo(3);

      Message refused = raw.request(prefix + "refuse", signed(prefix + "refuse", "{}"),
          "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2));
      Headers headers = refused.getHeaders();
      assertThat(headers.getFirst("Nats-Service-Error-Code")).isEqualTo("403");
      assertThat(headers.getFirst("Nats-Service-Error")).isEqualTo("Administrator role required");

      Message stats = raw.request("$SRV.STATS.inventory", new byte[0], Duration.ofSeconds(2));
      JsonObject statsJson = new JsonObject(new String(stats.getData(), StandardCharsets.UTF_8));
      assertThat(statsJson.getJsonArray("endpoints").stream()
          .mapToLong(e -> ((JsonObject) e).getLong("num_requests")).sum()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void aMalformedBodyFromAForeignClientIs400() throws Exception {
    serve(new ServiceDefinition("strict", "1.0.0", "strict")
        .endpoint(prefix + "strict", request -> Future.succeededFuture(BusReply.success())));
    try (Connection raw = Nats.connect(TestNats.url())) {
      Message answer = raw.request(prefix + "strict", signed(prefix + "strict", "[1,2"),
          "[1,2".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2));
      assertThat(answer.getHeaders().getFirst("Nats-Service-Error-Code")).isEqualTo("400");
    }
  }

  @Test
  void aClientWithoutTheSigningKeyCanNeitherCallASubjectNorPoseAsAUser() throws Exception {
    java.util.concurrent.atomic.AtomicInteger reached = new java.util.concurrent.atomic.AtomicInteger();
    serve(new ServiceDefinition("guarded", "1.0.0", "guarded").endpoint(prefix + "guarded", request -> {
      reached.incrementAndGet();
      return Future.succeededFuture(BusReply.ok(new JsonObject().put("caller", request.caller().userId())));
    }));
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    try (Connection raw = Nats.connect(TestNats.url())) {
      Headers forged = new Headers().put(BusHeaders.CALLER_ID, UUID.randomUUID().toString())
          .put(BusHeaders.CALLER_ROLE, "ADMIN");
      assertThat(raw.request(prefix + "guarded", forged, body, Duration.ofSeconds(2)).getHeaders()
          .getFirst("Nats-Service-Error-Code")).as("unsigned").isEqualTo("401");

      Headers otherKey = new Headers().put(BusHeaders.CALLER_ID, UUID.randomUUID().toString());
      BusSigning.of("some-other-key-that-is-long-enough-0000").sign(prefix + "guarded",
          RequestMeta.of(Caller.user(otherKey.getFirst(BusHeaders.CALLER_ID), null), "r"), body, otherKey::put);
      assertThat(raw.request(prefix + "guarded", otherKey, body, Duration.ofSeconds(2)).getHeaders()
          .getFirst("Nats-Service-Error-Code")).as("signed with another key").isEqualTo("401");

      // A signed request replayed with another caller (or another body) no longer verifies.
      Headers tampered = signed(prefix + "guarded", "{}");
      tampered.put(BusHeaders.CALLER_ID, UUID.randomUUID().toString());
      assertThat(raw.request(prefix + "guarded", tampered, body, Duration.ofSeconds(2)).getHeaders()
          .getFirst("Nats-Service-Error-Code")).as("caller changed after signing").isEqualTo("401");
      assertThat(raw.request(prefix + "guarded", signed(prefix + "guarded", "{}"),
          "{\"x\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2)).getHeaders()
          .getFirst("Nats-Service-Error-Code")).as("body changed after signing").isEqualTo("401");

      Headers stale = new Headers();
      signing().sign(prefix + "guarded", RequestMeta.internal(null), body, stale::put);
      stale.put(BusSigning.SIGNED_AT, Long.toString(System.currentTimeMillis() - 120_000));
      assertThat(raw.request(prefix + "guarded", stale, body, Duration.ofSeconds(2)).getHeaders()
          .getFirst("Nats-Service-Error-Code")).as("signed two minutes ago").isEqualTo("401");
    }
    assertThat(reached).as("requests that reached the handler").hasValue(0);
  }

  private static BusSigning signing() {
    return BusSigning.of(dev.shop.common.testing.TestSettings.BUS_SIGNING_KEY);
  }

  /** The headers of a request signed as the platform signs it (an internal caller). */
  private static Headers signed(String subject, String body) {
    Headers headers = new Headers();
    signing().sign(subject, RequestMeta.internal(null), body.getBytes(StandardCharsets.UTF_8), headers::put);
    return headers;
  }
}
