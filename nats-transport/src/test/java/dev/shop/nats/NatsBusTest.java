package dev.shop.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusContractTest;
import dev.shop.common.bus.BusHeaders;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusSigning;
import dev.shop.common.bus.Caller;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestNats;
import dev.shop.common.testing.TestSettings;
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
  protected Bus createBus(Vertx vertx) {
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

  @Test
  void answersOfAlmostAMegabyteArriveWhole() {
    String large = "é".repeat(400_000);
    serve(new ServiceDefinition("large", "1.0.0", "large")
        .endpoint(prefix + "echo", request -> Future.succeededFuture(
            BusReply.ok(new JsonObject().put("text", request.body().getString("text") + large)))));
    JsonObject answer = Await.result(bus.request(prefix + "echo", new JsonObject().put("text", "x".repeat(100_000)),
        RequestMeta.internal("big"))).bodyAsObject();
    assertThat(answer.getString("text")).hasSize(500_000).startsWith("xxx").endsWith("éé");
  }

  @Test
  void aRequestOverTheServersMaximumFailsAtOnceAndTheBusCarriesOn() {
    serve(new ServiceDefinition("sized", "1.0.0", "sized")
        .endpoint(prefix + "size", request -> Future.succeededFuture(
            BusReply.ok(new JsonObject().put("length", request.body().getString("text").length())))));
    long sent = System.nanoTime();
    Throwable refused = Await.failure(bus.request(prefix + "size", new JsonObject().put("text", "x".repeat(2_000_000)),
        RequestMeta.internal("too-big")));
    assertThat(refused).hasMessageContaining("too large").isInstanceOfSatisfying(
        dev.shop.common.error.ShopException.class, e -> assertThat(e.status()).isEqualTo(413));
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("refused, not timed out").isLessThan(TIMEOUT);
    assertThat(Await.result(bus.request(prefix + "size", new JsonObject().put("text", "abc"), RequestMeta.internal("ok")))
        .bodyAsObject().getInteger("length")).isEqualTo(3);
  }

  @Test
  void everyOneOfThousandsOfConcurrentRequestsGetsItsOwnAnswer() {
    serve(new ServiceDefinition("echo", "1.0.0", "echo")
        .endpoint(prefix + "echo", request -> Future.succeededFuture(BusReply.ok(request.body()))));
    java.util.concurrent.CompletableFuture<java.util.List<Integer>> all = new java.util.concurrent.CompletableFuture<>();
    vertx.runOnContext(v -> {
      java.util.List<Future<Integer>> answers = new java.util.ArrayList<>();
      for (int n = 0; n < 3_000; n++) {
        // Each with room for a loaded machine: what is checked is whose answer each gets, not how fast.
        answers.add(bus.request(prefix + "echo", new JsonObject().put("n", n), RequestMeta.internal("n" + n),
                Duration.ofSeconds(15))
            .map(reply -> reply.bodyAsObject().getInteger("n")));
      }
      Future.all(answers).onSuccess(done -> all.complete(answers.stream().map(Future::result).toList()))
          .onFailure(all::completeExceptionally);
    });
    assertThat(all.orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 3_000).boxed().toList());
  }

  @Test
  void servesAgainOnceARestartedServerIsBack() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    java.nio.file.Path store = java.nio.file.Files.createTempDirectory("nats-link");
    io.nats.NatsServerRunner server = TestNats.at(port, store);
    Bus own = Await.result(NatsBus.connect(vertx, NatsSettings.of("nats://127.0.0.1:" + port), "restart-test", TIMEOUT,
        signing()));
    try {
      Await.result(vertx.deployVerticle(new io.vertx.core.VerticleBase() {
        @Override
        public Future<?> start() {
          return own.serve(new ServiceDefinition("restarting", "1.0.0", "restarting")
              .endpoint(prefix + "hello", request -> Future.succeededFuture(BusReply.ok(new JsonObject().put("hi", 1)))));
        }
      }));
      assertThat(Await.result(own.request(prefix + "hello", new JsonObject(), RequestMeta.internal("before")))
          .bodyAsObject().getInteger("hi")).isEqualTo(1);

      server.close();
      long deadline = System.currentTimeMillis() + 5_000;
      while (own.connected() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      // 503 at once once an attempt to reconnect has failed; a request made during the first attempt
      // is held for it, as jnats holds it, and ends at its time-out when the attempt fails.
      assertThat(Await.failure(own.request(prefix + "hello", new JsonObject(), RequestMeta.internal("down"))))
          .as("while the server is away").isInstanceOfSatisfying(dev.shop.common.error.ShopException.class,
              e -> assertThat(e.status()).isIn(503, 504));

      server = TestNats.restartAt(port, store);
      deadline = System.currentTimeMillis() + 10_000;
      Integer hi = null;
      while (hi == null && System.currentTimeMillis() < deadline) {
        try {
          hi = Await.result(own.request(prefix + "hello", new JsonObject(), RequestMeta.internal("after")))
              .bodyAsObject().getInteger("hi");
        } catch (dev.shop.common.error.ShopException notYet) {
          Thread.sleep(50);
        }
      }
      assertThat(hi).as("answered again, the subscriptions made again after the reconnect").isEqualTo(1);
    } finally {
      Await.result(own.close());
      server.close();
    }
  }

  @Test
  void statisticsCountTheRequestsAndTheFailuresOfEachEndpoint() throws Exception {
    serve(new ServiceDefinition("counted", "1.0.0", "counted")
        .endpoint(prefix + "fine", request -> Future.succeededFuture(BusReply.success()))
        .endpoint(prefix + "broken", request -> Future.failedFuture(new IllegalStateException("disk on fire"))));
    Await.result(bus.request(prefix + "fine", new JsonObject(), RequestMeta.internal("1")));
    Await.result(bus.request(prefix + "fine", new JsonObject(), RequestMeta.internal("2")));
    Await.failure(bus.request(prefix + "broken", new JsonObject(), RequestMeta.internal("3")));
    try (Connection raw = Nats.connect(TestNats.url())) {
      JsonObject stats = new JsonObject(new String(raw.request("$SRV.STATS.counted", new byte[0], Duration.ofSeconds(2))
          .getData(), StandardCharsets.UTF_8));
      assertThat(stats.getString("type")).isEqualTo("io.nats.micro.v1.stats_response");
      JsonObject fine = endpoint(stats, prefix + "fine");
      JsonObject broken = endpoint(stats, prefix + "broken");
      assertThat(fine.getLong("num_requests")).isEqualTo(2);
      assertThat(fine.getLong("num_errors")).isZero();
      assertThat(fine.getLong("processing_time")).isPositive();
      assertThat(broken.getLong("num_requests")).isEqualTo(1);
      assertThat(broken.getLong("num_errors")).isEqualTo(1);
      assertThat(broken.getString("last_error")).startsWith("500").doesNotContain("disk on fire");

      String id = stats.getString("id");
      JsonObject byId = new JsonObject(new String(raw.request("$SRV.PING.counted." + id, new byte[0],
          Duration.ofSeconds(2)).getData(), StandardCharsets.UTF_8));
      assertThat(byId.getString("id")).as("an instance answers its own id's subject").isEqualTo(id);
    }
  }

  private static JsonObject endpoint(JsonObject stats, String subject) {
    return stats.getJsonArray("endpoints").stream().map(JsonObject.class::cast)
        .filter(endpoint -> endpoint.getString("subject").equals(subject)).findFirst().orElseThrow();
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
