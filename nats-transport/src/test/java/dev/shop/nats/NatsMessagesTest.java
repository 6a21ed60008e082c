package dev.shop.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusHandler;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusSigning;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.error.ShopException;
import dev.shop.common.metrics.Metrics;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.JarProcess;
import dev.shop.common.testing.LogLines;
import dev.shop.common.testing.TestNats;
import dev.shop.common.testing.TestSettings;
import io.micrometer.core.instrument.Counter;
import io.nats.NatsServerRunner;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages a link cannot pass on as they are: a header block that cannot be read, a reply or a
 * request larger than the server takes, a reply made while the link reconnects.
 */
class NatsMessagesTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  /** Header blocks a client may publish that no NATS client can read. */
  private static final List<String> GARBLED = List.of("NATS/1.0 abc\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n",
      "garbage without a version line\r\n\r\n", "NATS/1.0 \r\nNo-Colon\r\n\r\n".replace("NATS/1.0 ", "NATS/1.0 x"));

  private final Vertx vertx = Metrics.vertx();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final String prefix = "msg" + UUID.randomUUID().toString().substring(0, 8) + ".";

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    Await.result(vertx.close());
  }

  @Test
  void aMessageWithAHeaderBlockNoClientCanReadIsDroppedAloneAndTheConnectionStays() throws Exception {
    Bus bus = connect(NatsSettings.of(TestNats.url()));
    serve(bus, "garbled", request -> Future.succeededFuture(BusReply.ok(new JsonObject().put("ok", true))));
    assertThat(Await.result(bus.request(prefix + "echo", new JsonObject(), RequestMeta.internal("before")))
        .bodyAsObject().getBoolean("ok")).isTrue();

    try (LogLines logged = new LogLines(NatsLink.class)) {
      URIish server = URIish.of(TestNats.url());
      try (Socket raw = new Socket(server.host(), server.port())) {
        OutputStream out = raw.getOutputStream();
        InputStream in = raw.getInputStream();
        readLine(in);
        StringBuilder frames = new StringBuilder("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true}\r\n");
        for (int n = 0; n < 100; n++) {
          String header = GARBLED.get(n % GARBLED.size());
          for (String subject : List.of(prefix + "echo", "$SRV.PING")) {
            String payload = "{}";
            frames.append("HPUB ").append(subject).append(" _INBOX.raw.").append(n).append(' ')
                .append(header.length()).append(' ').append(header.length() + payload.length()).append("\r\n")
                .append(header).append(payload).append("\r\n");
          }
        }
        out.write(frames.append("PING\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(readLine(in)).as("the server took every frame").isEqualTo("PONG");
      }
      long deadline = System.currentTimeMillis() + 5_000;
      while (count("shop.bus.malformed.messages") < 200 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertThat(count("shop.bus.malformed.messages")).as("dropped: 100 requests and 100 pings").isEqualTo(200);
      assertThat(count("shop.bus.reconnects")).as("connections lost").isZero();
      assertThat(Await.result(bus.request(prefix + "echo", new JsonObject(), RequestMeta.internal("after")))
          .bodyAsObject().getBoolean("ok")).as("the service answers as before").isTrue();
      assertThat(logged.lines().stream().filter(line -> line.contains("malformed header block")))
          .as("lines logged for them: at most one per link and 5 s").hasSizeBetween(1, 2 * Runtime.getRuntime()
              .availableProcessors());
      assertThat(logged.lines()).noneMatch(line -> line.contains("connection lost"));
    }
  }

  @Test
  void aReplyLargerThanTheServerTakesIsAnErrorAtOnceCountedInTheStatsAndALargerRequestIs413() throws Exception {
    Path config = Files.writeString(Files.createTempFile("nats-small", ".conf"), "max_payload: 8192\n");
    NatsServerRunner nats = server(TestNats.configured(config, Map.of(), line -> { }));
    Bus bus = connect(NatsSettings.of(nats.getURI()));
    serve(bus, "bulky", request -> Future.succeededFuture(BusReply.ok(new JsonObject()
        .put("text", "x".repeat(request.body().getInteger("size", 10))))));
    assertThat(Await.result(bus.request(prefix + "echo", new JsonObject().put("size", 100), RequestMeta.internal("s")))
        .bodyAsObject().getString("text")).hasSize(100);

    long sent = System.nanoTime();
    Throwable tooLargeAnswer = Await.failure(bus.request(prefix + "echo", new JsonObject().put("size", 20_000),
        RequestMeta.internal("large answer")));
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("known at once, not at the time-out").isLessThan(TIMEOUT);
    assertThat(tooLargeAnswer).isInstanceOfSatisfying(ShopException.class, e -> {
      assertThat(e.status()).isEqualTo(502);
      assertThat(e.getMessage()).isEqualTo("The answer of " + prefix + "echo is too large for the bus");
    });

    Throwable tooLargeRequest = Await.failure(bus.request(prefix + "echo",
        new JsonObject().put("size", 1).put("padding", "y".repeat(20_000)), RequestMeta.internal("large request")));
    assertThat(tooLargeRequest).isInstanceOfSatisfying(ShopException.class, e -> {
      assertThat(e.status()).isEqualTo(413);
      assertThat(e.getMessage()).contains("too large");
    });

    try (Connection raw = Nats.connect(nats.getURI())) {
      JsonObject stats = new JsonObject(new String(raw.request("$SRV.STATS.bulky", new byte[0], Duration.ofSeconds(2))
          .getData(), StandardCharsets.UTF_8));
      JsonObject endpoint = stats.getJsonArray("endpoints").getJsonObject(0);
      assertThat(endpoint.getLong("num_requests")).isEqualTo(2);
      assertThat(endpoint.getLong("num_errors")).isEqualTo(1);
      assertThat(endpoint.getString("last_error")).startsWith("502: The answer of");
    }
  }

  @Test
  void aReplyMadeWhileItsLinkReconnectsIsSentOnceConnectedAgain() throws Exception {
    int[] client = {JarProcess.freePort(), JarProcess.freePort()};
    int[] route = {JarProcess.freePort(), JarProcess.freePort()};
    List<NatsServerRunner> nodes = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      Path config = Files.writeString(Files.createTempFile("nats-node", ".conf"), """
          server_name: node%d
          cluster { name: pair, listen: 127.0.0.1:%d, routes: [nats-route://127.0.0.1:%d] }
          """.formatted(n, route[n], route[1 - n]));
      nodes.add(server(TestNats.configured(config, Map.of(), line -> { }, client[n])));
    }
    // The service knows the first node only; the caller is on the second.
    Bus bus = connect(NatsSettings.of("nats://127.0.0.1:" + client[0]));
    CountDownLatch handling = new CountDownLatch(1);
    Promise<BusReply> release = Promise.promise();
    serve(bus, "held", request -> {
      handling.countDown();
      return release.future();
    });
    Connection caller = Nats.connect("nats://127.0.0.1:" + client[1]);
    closing.add(caller);
    Headers headers = new Headers();
    BusSigning.of(TestSettings.BUS_SIGNING_KEY).sign(prefix + "echo", RequestMeta.internal(null), "{}".getBytes(),
        headers::put);
    CompletableFuture<Message> answer = null;
    long deadline = System.currentTimeMillis() + 10_000;
    while (handling.getCount() > 0 && System.currentTimeMillis() < deadline) {
      // Until the routes between the nodes carry the service's subscription.
      answer = caller.requestWithTimeout(prefix + "echo", headers, "{}".getBytes(), Duration.ofSeconds(20));
      handling.await(300, TimeUnit.MILLISECONDS);
    }
    assertThat(handling.getCount()).as("the request reached the service").isZero();

    // The second node hangs, so the link, once the first is gone, waits for it: the reply is made meanwhile.
    TestNats.signal(nodes.get(1), "STOP");
    closing.add(() -> TestNats.signal(nodes.get(1), "CONT"));
    nodes.get(0).close();
    Thread.sleep(300);
    assertThat(bus.connected()).as("the link reconnecting").isFalse();
    vertx.runOnContext(v -> release.complete(BusReply.ok(new JsonObject().put("kept", true))));
    Thread.sleep(300);
    TestNats.signal(nodes.get(1), "CONT");
    Message reply = answer.get(15, TimeUnit.SECONDS);
    assertThat(new JsonObject(new String(reply.getData(), StandardCharsets.UTF_8)).getBoolean("kept"))
        .as("the reply, sent once the link was connected to the second node").isTrue();
  }

  private record URIish(String host, int port) {
    static URIish of(String url) {
      java.net.URI uri = java.net.URI.create(url);
      return new URIish(uri.getHost(), uri.getPort());
    }
  }

  private static String readLine(InputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** A counter of this test's registry (read on one of its event loops). */
  private double count(String name) {
    CompletableFuture<Double> value = new CompletableFuture<>();
    vertx.runOnContext(v -> value.complete(Metrics.registry().map(registry -> registry.find(name).counter())
        .map(Counter::count).orElse(0.0)));
    return value.join();
  }

  private <T extends AutoCloseable> T server(T server) {
    closing.add(server);
    return server;
  }

  private Bus connect(NatsSettings settings) {
    NatsBus bus = Await.result(NatsBus.connect(vertx, settings, "messages-test", TIMEOUT,
        BusSigning.of(TestSettings.BUS_SIGNING_KEY)));
    closing.add(() -> Await.result(bus.close()));
    return bus;
  }

  private void serve(Bus bus, String name, BusHandler handler) {
    Await.result(vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        return bus.serve(new ServiceDefinition(name, "1.0.0", name).endpoint(prefix + "echo", handler));
      }
    }));
  }
}
