package dev.shop.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusSigning;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.JarProcess;
import dev.shop.common.testing.LogLines;
import dev.shop.common.testing.TestNats;
import dev.shop.common.testing.TestSettings;
import io.nats.NatsServerRunner;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a link does when its server hangs, announces lame duck mode or goes away on a cluster: two
 * standalone servers in one {@code NATS_URL}, the second started only once every link of the JVM
 * is on the first, so that all of them, serving and requesting, move to the second together.
 */
class NatsFailoverTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** What the platform promises for a hung server, with the default pings. */
  private static final Duration HUNG_SERVER_LEFT_WITHIN = Duration.ofSeconds(15);

  private final Vertx vertx = Vertx.vertx();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    Await.result(vertx.close());
  }

  @Test
  void aHungServerIsLeftForAnotherWithinFifteenSecondsAndEveryRequestMeanwhileEndsWithinTheTimeout() throws Exception {
    NatsServerRunner first = server(TestNats.isolated());
    TwoServers servers = onFirstOfTwoServers(first);
    Bus bus = servers.bus();

    // Hung with every link on it: the other server comes up only then, so no link can be there first.
    TestNats.signal(first, "STOP");
    closing.add(() -> TestNats.signal(first, "CONT"));
    startSecond(servers);
    long stoppedAt = System.nanoTime();
    List<Integer> statuses = new ArrayList<>();
    Duration recovery = null;
    while (recovery == null && Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds() < 30) {
      long sent = System.nanoTime();
      Future<BusReply> answer = bus.request("hello.say", new JsonObject(), RequestMeta.internal("hung"));
      settled(answer);
      Duration took = Duration.ofNanos(System.nanoTime() - sent);
      assertThat(took).as("a request while the server hangs ends within the bus time-out")
          .isLessThan(TIMEOUT.plusSeconds(1));
      if (answer.succeeded()) {
        recovery = Duration.ofNanos(System.nanoTime() - stoppedAt);
      } else {
        statuses.add(((ShopException) answer.cause()).status());
        Thread.sleep(100);
      }
    }
    System.out.printf("hung server: left after %d ms; meanwhile %s%n", recovery == null ? -1 : recovery.toMillis(),
        statuses);
    assertThat(statuses).as("the answers while it hung").isNotEmpty().allMatch(status -> status == 504 || status == 503);
    assertThat(recovery).as("requests answered again, through the second server").isNotNull()
        .isLessThan(HUNG_SERVER_LEFT_WITHIN);
  }

  @Test
  void aLameDuckIsLeftAtOnceWhileARequestInFlightOnItStillGetsItsReply() throws Exception {
    NatsServerRunner first = server(TestNats.isolated());
    TwoServers servers = onFirstOfTwoServers(first);
    Bus bus = servers.bus();
    startSecond(servers);
    // A slow service of another client, staying on the first server: its reply can only come back
    // over the link's old connection.
    Connection other = Nats.connect(first.getURI());
    closing.add(other);
    Dispatcher slow = other.createDispatcher(message -> {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      other.publish(message.getReplyTo(), "{\"slow\":true}".getBytes());
    });
    slow.subscribe("slow.say");
    other.flush(Duration.ofSeconds(2));

    Future<BusReply> inFlight = bus.request("slow.say", new JsonObject(), RequestMeta.internal("in-flight"));
    Thread.sleep(200);
    TestNats.signal(first, "USR2");
    Thread.sleep(500);
    // Still in lame duck mode (it closes its clients after a grace period of 10 s): hung, it shows
    // whether the links have left it.
    TestNats.signal(first, "STOP");
    closing.add(() -> TestNats.signal(first, "CONT"));
    long sent = System.nanoTime();
    BusReply hello = Await.result(bus.request("hello.say", new JsonObject(), RequestMeta.internal("after")));
    assertThat(hello.bodyAsObject().getInteger("hi")).as("a new request, through the second server").isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("answered at once, not timed out").isLessThan(TIMEOUT);
    TestNats.signal(first, "CONT");
    assertThat(Await.result(inFlight).bodyAsObject().getBoolean("slow"))
        .as("the reply of the request sent before, read on the lame duck's connection").isTrue();
  }

  @Test
  void serversTheClusterAnnouncesAreReachedWithTheUrlsCredentialsAndNoPasswordIsLogged() throws Exception {
    int[] client = {JarProcess.freePort(), JarProcess.freePort()};
    int[] route = {JarProcess.freePort(), JarProcess.freePort()};
    List<NatsServerRunner> nodes = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      Path config = Files.writeString(Files.createTempFile("nats-node", ".conf"), """
          server_name: node%d
          authorization { user: shop, password: "Sesame-9f2c" }
          cluster { name: pair, listen: 127.0.0.1:%d, routes: [nats-route://127.0.0.1:%d] }
          """.formatted(n, route[n], route[1 - n]));
      nodes.add(server(TestNats.configured(config, Map.of(), line -> { }, client[n])));
    }
    Bus bus;
    try (LogLines logged = new LogLines(NatsBus.class, NatsLink.class)) {
      Thread.sleep(1_000);
      // Only the first node named, with its credentials; the second is learnt from the first.
      bus = connect("nats://shop:Sesame-9f2c@127.0.0.1:" + client[0]);
      serveHello(bus);
      warmUpEveryLink(bus);

      nodes.get(0).close();
      long closedAt = System.nanoTime();
      BusReply hello = null;
      while (hello == null && Duration.ofNanos(System.nanoTime() - closedAt).toSeconds() < 15) {
        try {
          hello = Await.result(bus.request("hello.say", new JsonObject(), RequestMeta.internal("moved")));
        } catch (ShopException notYet) {
          Thread.sleep(100);
        }
      }
      System.out.printf("killed node: requests answered again after %d ms%n",
          Duration.ofNanos(System.nanoTime() - closedAt).toMillis());
      assertThat(hello).as("answered through the announced node, signed in with the URL's credentials").isNotNull();
      assertThat(logged.lines()).as("what was logged").anyMatch(line -> line.startsWith("connected to NATS"))
          .noneMatch(line -> line.contains("Sesame-9f2c"));
    }
  }

  @Test
  void aPasswordRotatedOnTheServerIsLoggedWithItsReasonAndTriedAgainLessAndLessOften() throws Exception {
    int port = JarProcess.freePort();
    NatsServerRunner before = TestNats.configured(passwordConfig("old-secret"), Map.of(), line -> { }, port);
    Vertx oneLoop = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
    closing.add(() -> Await.result(oneLoop.close()));
    NatsBus bus = Await.result(NatsBus.connect(oneLoop, NatsSettings.of("nats://shop:old-secret@127.0.0.1:" + port),
        "rotated", TIMEOUT, BusSigning.of(TestSettings.BUS_SIGNING_KEY)));
    closing.add(() -> Await.result(bus.close()));
    try (LogLines logged = new LogLines(NatsLink.class)) {
      before.close();
      TestNats.awaitPortFree(port);
      java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
      server(TestNats.configured(passwordConfig("new-secret"), Map.of(), line -> {
        if (line.contains("Authorization Violation") || line.contains("authentication error")) {
          refusals.incrementAndGet();
        }
      }, port));
      Thread.sleep(4_000);
      System.out.printf("password rotated: %d attempts refused in 4 s (the link's and jnats's)%n", refusals.get());
      assertThat(refusals.get()).as("attempts refused in 4 s, backing off (a fixed 250 ms made 16)")
          .isPositive().isLessThan(12);
      assertThat(logged.lines()).as("what the link logged")
          .anyMatch(line -> line.startsWith("NATS connection attempt failed") && line.contains("Authorization Violation"))
          .noneMatch(line -> line.contains("old-secret"));
    }
  }

  @Test
  void aServerThatStopsReadingIsGivenUpAtTheWriteDeadlineAndRequestsPastTheBoundFailAtOnce() throws Exception {
    NatsServerRunner nats = server(TestNats.isolated());
    Vertx oneLoop = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
    closing.add(() -> Await.result(oneLoop.close()));
    // Pings far apart: only the write deadline can notice the server here.
    NatsLinkLimits limits = new NatsLinkLimits(Duration.ofMinutes(2), 2, Duration.ofSeconds(1), Duration.ofMillis(250),
        Duration.ofSeconds(2), 1 << 20, Duration.ofSeconds(5));
    Duration timeout = Duration.ofSeconds(20);
    NatsBus bus = Await.result(NatsBus.connect(oneLoop, NatsSettings.of(nats.getURI()).with(limits), "stalled", timeout,
        BusSigning.of(TestSettings.BUS_SIGNING_KEY)));
    closing.add(() -> Await.result(bus.close()));
    try (LogLines logged = new LogLines(NatsLink.class)) {
      TestNats.signal(nats, "STOP");
      closing.add(() -> TestNats.signal(nats, "CONT"));
      JsonObject large = new JsonObject().put("text", "x".repeat(64 * 1024));
      List<Future<BusReply>> sent = new ArrayList<>();
      Future<BusReply> refused = null;
      long start = System.nanoTime();
      while (refused == null && Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20) {
        Future<BusReply> request = bus.request("nobody.reads", large, RequestMeta.internal("stalled"));
        settledWithin(request, Duration.ofMillis(2));
        if (request.failed()) {
          refused = request;
        } else {
          sent.add(request);
        }
      }
      long refusedAt = System.nanoTime();
      System.out.printf("stalled server: %d requests of 64 KB queued before one was refused%n", sent.size());
      assertThat(refused).as("a request once the pending writes reach their bound").isNotNull();
      assertThat(refused.cause()).isInstanceOfSatisfying(ShopException.class, e -> {
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("backed up");
      });
      while (logged.lines().stream().noneMatch(line -> line.startsWith("NATS server stopped reading"))
          && Duration.ofNanos(System.nanoTime() - refusedAt).toSeconds() < 10) {
        Thread.sleep(50);
      }
      assertThat(logged.lines()).as("the server given up at the write deadline")
          .anyMatch(line -> line.startsWith("NATS server stopped reading"));
      assertThat(Duration.ofNanos(System.nanoTime() - refusedAt)).isLessThan(Duration.ofSeconds(5));
      for (Future<BusReply> request : sent) {
        settledWithin(request, Duration.ofSeconds(2));
        assertThat(request.failed()).as("a request queued when the server was given up ends at once").isTrue();
      }
    }
  }

  /** Waits up to {@code wait} for {@code future} to complete, however it ends. */
  private static void settledWithin(Future<?> future, Duration wait) {
    try {
      future.toCompletionStage().toCompletableFuture().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notNow) {
      // looked at by the caller
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path passwordConfig(String password) throws java.io.IOException {
    return Files.writeString(Files.createTempFile("nats-auth", ".conf"),
        "authorization { user: shop, password: \"%s\" }\n".formatted(password));
  }

  private <T extends AutoCloseable> T server(T server) {
    closing.add(server);
    return server;
  }

  private Bus connect(String url) {
    NatsBus bus = Await.result(NatsBus.connect(vertx, NatsSettings.of(url), "failover-test", TIMEOUT,
        BusSigning.of(TestSettings.BUS_SIGNING_KEY)));
    closing.add(() -> Await.result(bus.close()));
    return bus;
  }

  /** Two standalone servers in one URL, the second not up yet: see {@link #onFirstOfTwoServers}. */
  private record TwoServers(Bus bus, int secondPort) {
  }

  /**
   * A bus whose links all connect to {@code first}, the second server of its URL not being up
   * yet, serving {@code hello.say}; {@link #startSecond} brings the second one up.
   */
  private TwoServers onFirstOfTwoServers(NatsServerRunner first) throws Exception {
    int secondPort = JarProcess.freePort();
    Bus bus = connect("nats://127.0.0.1:" + first.getPort() + ",nats://127.0.0.1:" + secondPort);
    serveHello(bus);
    warmUpEveryLink(bus);
    return new TwoServers(bus, secondPort);
  }

  private void startSecond(TwoServers servers) throws Exception {
    server(TestNats.at(servers.secondPort(), Files.createTempDirectory("nats-second")));
  }

  private void serveHello(Bus bus) {
    Await.result(vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        return bus.serve(new ServiceDefinition("hello", "1.0.0", "says hello")
            .endpoint("hello.say", request -> Future.succeededFuture(BusReply.ok(new JsonObject().put("hi", 1)))));
      }
    }));
  }

  /** A request from each event loop in turn, so that every link of the JVM exists, on the first server. */
  private static void warmUpEveryLink(Bus bus) {
    for (int n = 0; n < 16; n++) {
      Await.result(bus.request("hello.say", new JsonObject(), RequestMeta.internal("warm-up")));
    }
  }

  /** Waits until {@code future} is complete, however it ends. */
  private static void settled(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException failed) {
      // looked at by the caller
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
