package dev.shop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.NatsCluster;
import dev.shop.common.testing.TestDatabases;
import dev.shop.e2e.Http;
import dev.shop.e2e.RunningPlatform;
import dev.shop.system.Load;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 26: the platform in one JVM on a real 3-node NATS cluster, as production runs it, with
 * {@code NATS_URL} naming node 1 only (the others are learnt from the cluster) and three copies of
 * the event stream. Under reads and checkouts, one disruption after another: a hung node
 * (SIGSTOP), a killed node, a node in lame duck mode, malformed messages from a foreign client, a
 * rolling restart of all three nodes. Each disruption hits the node that holds most client
 * connections. Asserted each time: every request is answered within the bus time-out (plus an
 * HTTP round trip's slack), service comes back within the promised time; and at the end, every
 * order answered 201 is in the database and counted by the report exactly once, with no dead
 * letter. Prints each one's recovery times.
 *
 * <p>The gateway's circuits are off, so what is measured is the transport, not the circuit's open
 * time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTransportTest {

  private static final int TIMEOUT_MS = 2_000;
  /** What an HTTP round trip may add to the bus time-out on a loaded 2-core machine. */
  private static final long SLACK_MS = 800;
  /** The defaults (4 s pings, two outstanding) notice a hung server within 12 s; the issue promises 15 s. */
  private static final long HUNG_NOTICED_MS = 15_000;
  /** A killed or closing node: the links are on the other nodes after a reconnect, well within this. */
  private static final long RECONNECTED_MS = 5_000;
  private static final int CLIENTS = 3;

  private NatsCluster cluster;
  private RunningPlatform platform;
  private JsonObject config;
  private Http http;
  private String admin;
  private String buyer;
  private String productPath;
  private JsonObject order;
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final AtomicLong turn = new AtomicLong();
  /** The answers of the last {@link #underLoad}. */
  private List<Load.Sample> lastSamples = List.of();

  /** What a disruption did to the load: its failures and slowest answer, and when service was back. */
  record Outcome(String what, int requests, long failed, double slowestMs, double lastFailureMs, Map<Integer, Long> statuses) {

    void print() {
      System.out.printf("cluster: %s: %d requests, %d failed (statuses %s), slowest %.0f ms, last failure %s%n", what,
          requests, failed, statuses, slowestMs, lastFailureMs < 0 ? "none" : String.format("%.0f ms after", lastFailureMs));
    }
  }

  @BeforeAll
  void start() {
    cluster = NatsCluster.start();
    config = RunningPlatform.freshOverrides(cluster.url(1))
        .put(ConfigKeys.EVENTS_REPLICAS, "3")
        .put(ConfigKeys.BUS_TIMEOUT_MS, Integer.toString(TIMEOUT_MS))
        .put(ConfigKeys.CIRCUIT_FAILURES, "0");
    platform = RunningPlatform.start(config);
    platform.awaitReady();
    http = platform.http();
    admin = http.adminToken();
    buyer = http.newCustomerToken("cluster", "Cluster Buyer");
    String product = http.post("/products", new JsonObject().put("sku", "CLU-" + UUID.randomUUID())
        .put("name", "Cluster kettle").put("priceInt", 1_000).put("stock", 1_000_000), admin).json().getString("id");
    productPath = "/products/" + product;
    order = new JsonObject().put("items", new JsonArray().add(new JsonObject().put("productId", product)
        .put("quantity", 1)));
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * The links leave a hung node within 15 s. The cluster does not: nats-server (2.9) keeps its
   * routes to a hung peer (their traffic counts as activity, so its pings never find it stale), and
   * goes on routing part of every queue group's requests to the subscriptions the hung node still
   * holds, which time out. A hung node has to be killed by its supervisor (its /healthz stops
   * answering); from then on nothing fails.
   */
  @Test
  @Order(1)
  void aHungNodeIsLeftWithinFifteenSecondsAndServiceIsWholeOnceItIsKilled() throws Exception {
    int node = busiest();
    int linksOnIt = cluster.clients(node);
    int onTheOthers = othersHold(node);
    long[] leftMs = {-1};
    long[] killedAt = {0};
    Outcome outcome = underLoad("node n" + node + " hung (SIGSTOP), then killed once every connection left it", () -> {
      long pausedAt = System.nanoTime();
      cluster.pause(node);
      while (leftMs[0] < 0 && System.nanoTime() - pausedAt < 2 * HUNG_NOTICED_MS * 1_000_000) {
        if (othersHold(node) >= onTheOthers + linksOnIt) {
          leftMs[0] = (System.nanoTime() - pausedAt) / 1_000_000;
        }
        sleep(100);
      }
      sleep(3_000);
      killedAt[0] = System.nanoTime();
      cluster.kill(node);
    }, 6_000);
    long failedAfterKill = lastSamples.stream().filter(sample -> sample.sentAt() > killedAt[0] && failed(sample)).count();
    System.out.printf("cluster: hung n%d: its %d connections on the other nodes %d ms after it hung; after it was"
        + " killed, %d requests sent, %d failed%n", node, linksOnIt, leftMs[0],
        lastSamples.stream().filter(sample -> sample.sentAt() > killedAt[0]).count(), failedAfterKill);
    cluster.restart(node);
    assertAnsweredInTime(outcome);
    assertThat(leftMs[0]).as("ms until every connection left the hung node").isNotNegative()
        .isLessThan(HUNG_NOTICED_MS);
    assertThat(failedAfterKill).as("requests sent after the hung node was killed that failed").isZero();
  }

  /** The client connections of the nodes other than {@code node}. */
  private int othersHold(int node) {
    return IntStream.rangeClosed(1, NatsCluster.SIZE).filter(n -> n != node).map(cluster::clients).sum();
  }

  @Test
  @Order(2)
  void aKilledNodeIsLeftAtOnce() throws Exception {
    int node = busiest();
    Outcome outcome = underLoad("node n" + node + " killed (SIGKILL)", () -> cluster.kill(node), 6_000);
    cluster.restart(node);
    assertAnsweredInTime(outcome);
    assertThat(outcome.lastFailureMs()).as("service again after a killed node (ms)").isLessThan(RECONNECTED_MS);
  }

  @Test
  @Order(3)
  void aLameDuckIsLeftBeforeItCloses() throws Exception {
    int node = busiest();
    int before = cluster.clients(node);
    long[] leftAfterMs = {-1};
    Outcome outcome = underLoad("node n" + node + " in lame duck mode", () -> {
      long at = System.nanoTime();
      cluster.lameDuck(node);
      // The links move on the announcement; jnats's JetStream connection waits to be closed.
      while (cluster.clients(node) > 1 && System.nanoTime() - at < 10_000_000_000L) {
        sleep(50);
      }
      leftAfterMs[0] = (System.nanoTime() - at) / 1_000_000;
    }, 3_000);
    int after = cluster.clients(node);
    System.out.printf("cluster: lame duck n%d: %d connections before, %d left %d ms after the announcement%n", node,
        before, after, leftAfterMs[0]);
    cluster.restart(node);
    assertAnsweredInTime(outcome);
    assertThat(after).as("connections left on the lame duck (jnats's may stay until closed)").isLessThanOrEqualTo(1);
    assertThat(outcome.failed()).as("requests failed while the links left the lame duck").isZero();
  }

  @Test
  @Order(4)
  void malformedMessagesDropNoConnection() throws Exception {
    long reconnectsBefore = metric("shop_bus_reconnects_total");
    long malformedBefore = metric("shop_bus_malformed_messages_total");
    int node = busiest();
    Outcome outcome = underLoad("malformed messages to n" + node, () -> publishMalformed(cluster.url(node)), 2_000);
    long reconnects = metric("shop_bus_reconnects_total") - reconnectsBefore;
    long malformed = metric("shop_bus_malformed_messages_total") - malformedBefore;
    System.out.printf("cluster: 100 malformed requests and 40 malformed pings: %d dropped as malformed, %d reconnects%n",
        malformed, reconnects);
    assertAnsweredInTime(outcome);
    assertThat(reconnects).as("connections lost to malformed messages").isZero();
    assertThat(malformed).as("malformed messages counted").isGreaterThanOrEqualTo(100);
    assertThat(outcome.failed()).as("requests failed meanwhile").isZero();
  }

  @Test
  @Order(5)
  void aRollingRestartOfEveryNodeKeepsTheShopOpen() throws Exception {
    long[] restartMs = new long[NatsCluster.SIZE];
    Outcome outcome = underLoad("rolling restart of n1, n2, n3 (SIGTERM, start, cluster formed)", () -> {
      for (int node = 1; node <= NatsCluster.SIZE; node++) {
        long at = System.nanoTime();
        cluster.restart(node);
        restartMs[node - 1] = (System.nanoTime() - at) / 1_000_000;
        sleep(1_000);
      }
    }, 3_000);
    System.out.printf("cluster: each node back and the cluster formed in %s ms%n", java.util.Arrays.toString(restartMs));
    assertAnsweredInTime(outcome);
    // A node's clients reconnect at once; a checkout meeting the stream's election may wait for it.
    assertThat(outcome.failed()).as("requests failed over the whole rolling restart")
        .isLessThanOrEqualTo(outcome.requests() / 20);
  }

  @Test
  @Order(6)
  void noAcceptedOrderIsLostAndEveryEventIsAppliedOnce() throws Exception {
    String orderDb = config.getString(ConfigKeys.databaseUrl(ServiceNames.ORDER));
    assertThat(count(orderDb, "SELECT count(*) FROM orders WHERE id = ANY('{" + String.join(",", accepted)
        + "}'::uuid[])")).as("orders answered 201 that are in the database").isEqualTo(accepted.size());
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    long orders = count(orderDb, "SELECT count(*) FROM orders");
    long counted = -1;
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      counted = http.get("/reports/sales-summary?fromAt=" + today + "&toAt=" + today, admin).json()
          .getLong("totalOrders");
      if (counted == orders) {
        break;
      }
      sleep(200);
    }
    System.out.printf("cluster: %d orders accepted, %d in the database, %d counted by the report%n", accepted.size(),
        orders, counted);
    assertThat(counted).as("orders the report counts (each once)").isEqualTo(orders);
    for (String service : ServiceNames.ALL) {
      String database = config.getString(ConfigKeys.databaseUrl(service));
      assertThat(count(database, "SELECT count(*) FROM event_dead_letters")).as(service + "'s dead letters").isZero();
    }
  }

  /** Runs the load, lets it settle, disrupts, watches for {@code watchMs} more, and prints what it saw. */
  private Outcome underLoad(String what, Runnable disruption, long watchMs) throws Exception {
    Load load = Load.start(CLIENTS, this::request);
    long at;
    try {
      sleep(1_500);
      at = System.nanoTime();
      disruption.run();
      sleep(watchMs);
    } finally {
      load.close();
    }
    List<Load.Sample> samples = load.stop().samples();
    lastSamples = samples;
    List<Load.Sample> after = samples.stream().filter(sample -> sample.at() >= at).toList();
    long lastFailure = after.stream().filter(ClusterTransportTest::failed).mapToLong(Load.Sample::at).max().orElse(-1);
    Outcome outcome = new Outcome(what, samples.size(), samples.stream().filter(ClusterTransportTest::failed).count(),
        samples.stream().mapToDouble(Load.Sample::latencyMs).max().orElse(0),
        lastFailure < 0 ? -1 : (lastFailure - at) / 1e6,
        new Load.LoadFigures(samples).statuses());
    outcome.print();
    return outcome;
  }

  private static boolean failed(Load.Sample sample) {
    return sample.status() != 200 && sample.status() != 201;
  }

  /** Two reads of a product for each checkout. */
  private int request() {
    if (turn.incrementAndGet() % 3 != 0) {
      return http.get(productPath, null).status();
    }
    Http.Response answer = http.send("POST", "/orders", order, buyer,
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    if (answer.status() == 201) {
      accepted.add(answer.json().getString("id"));
    }
    return answer.status();
  }

  private static void assertAnsweredInTime(Outcome outcome) {
    assertThat(outcome.requests()).as("requests made").isPositive();
    assertThat(outcome.slowestMs()).as("slowest answer (ms) with a bus time-out of " + TIMEOUT_MS + " ms")
        .isLessThan(TIMEOUT_MS + SLACK_MS);
  }

  /** The running node holding most client connections: where a disruption hurts most. */
  private int busiest() {
    return IntStream.rangeClosed(1, NatsCluster.SIZE).boxed()
        .max(java.util.Comparator.comparingInt(cluster::clients)).orElseThrow();
  }

  /**
   * Publishes, as a foreign client would, 100 requests to a served subject and 40 discovery pings
   * whose header blocks cannot be read (a bad version line, a status that is not a number).
   */
  private static void publishMalformed(String url) {
    java.net.URI server = java.net.URI.create(url);
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(5_000);
      InputStream in = socket.getInputStream();
      readLine(in); // INFO
      OutputStream out = socket.getOutputStream();
      StringBuilder frames = new StringBuilder("CONNECT {\"verbose\":false,\"headers\":true,\"protocol\":1}\r\n");
      for (int n = 0; n < 100; n++) {
        frame(frames, "product.getById", n % 2 == 0 ? "GARBAGE\r\n\r\n" : "NATS/1.0 abc\r\n\r\n", "{}");
      }
      for (int n = 0; n < 40; n++) {
        frame(frames, "$SRV.PING", "NATS/1.0 x y\r\nNo-Colon\r\n\r\n", "");
      }
      out.write(frames.append("PING\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line;
      do {
        line = readLine(in);
      } while (!line.startsWith("PONG"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("malformed messages not sent", e);
    }
  }

  private static void frame(StringBuilder frames, String subject, String headers, String payload) {
    frames.append("HPUB ").append(subject).append(" _INBOX.nobody.").append(UUID.randomUUID().toString().replace("-", ""))
        .append(' ').append(headers.length()).append(' ').append(headers.length() + payload.length()).append("\r\n")
        .append(headers).append(payload).append("\r\n");
  }

  private static String readLine(InputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      line.append((char) c);
    }
    return line.toString();
  }

  /** The sum of a counter's series in this JVM's {@code /metrics}. */
  private long metric(String name) {
    double sum = 0;
    for (String line : http.get("/metrics", null).text().split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return (long) sum;
  }

  private static long count(String database, String sql) throws Exception {
    try (Connection connection = TestDatabases.connect(database);
        Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
