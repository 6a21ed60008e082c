package dev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.testing.JarProcess;
import dev.shop.e2e.DocumentedNats;
import dev.shop.e2e.Http;
import io.nats.NatsServerRunner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's multi-JVM test: nats-server (with deploy/nats/nats-server.conf: a user per JVM role),
 * PostgreSQL, every service in a JVM of its own (two product replicas) and the gateway, started
 * from the packaged jar. A smoke scenario through HTTP; one
 * product replica killed (SIGKILL) under load; everything stopped (SIGTERM) under checkout load,
 * after which every order the clients were answered 201 for is in the database. Prints its figures.
 */
class MultiJvmIT {

  /** What a first start in dev mode adds to an empty catalogue (the product service's DemoCatalogue.PRODUCTS). */
  private static final int DEMO_PRODUCTS = 200;

  @Test
  void theShopRunsAsSeparateJvmsSurvivesAKilledReplicaAndDrainsOnSigterm() throws Exception {
    Path directory = Files.createTempDirectory("shop-multi-jvm");
    List<String> violations = new CopyOnWriteArrayList<>();
    try (NatsServerRunner nats = DocumentedNats.start(violations);
        Topology topology = new Topology(directory, nats.getURI())) {
      long starting = System.nanoTime();
      topology.start();
      System.out.printf("multi-JVM: %d JVMs ready in %.1f s%n", topology.all().size(),
          (System.nanoTime() - starting) / 1e9);
      Http http = new Http(topology.gatewayPort());

      JsonObject health = awaitHealthy(http);
      assertThat(health.getJsonObject("services").getJsonObject(ServiceNames.PRODUCT).getInteger("instances"))
          .isEqualTo(Topology.PRODUCT_REPLICAS);

      String productId = SmokeScenario.run(http, Topology.ADMIN_EMAIL, Topology.ADMIN_PASSWORD);
      // Both product replicas started on an empty database: the demo catalogue was added once.
      assertThat(http.get("/products?pageSize=1", null).json().getInteger("total")).isEqualTo(DEMO_PRODUCTS + 1);
      System.out.println("multi-JVM: smoke passed (register, browse, cart, checkout, pay, report)");

      Load.Relative kill = readsWhileAReplicaIsKilled(http, topology, productId);
      System.out.printf("multi-JVM: SIGKILL of product-1 under load: %d reads, %d failed, last failure %s after the kill,"
          + " first success after the kill %.0f ms later%n", kill.requests(), kill.failures(),
          kill.lastFailureMs() < 0 ? "none" : String.format("%.0f ms", kill.lastFailureMs()), kill.firstSuccessMs());
      assertThat(kill.requestsAfterRecovery()).as("reads served by the survivor").isPositive();
      assertThat(kill.lastFailureMs()).as("failures only until NATS moved the load to the survivor")
          .isLessThan(2 * Topology.BUS_TIMEOUT.toMillis() + 1_000);
      System.out.println("multi-JVM: resident memory after the load (" + String.join(" ", Topology.JVM_OPTIONS) + "): "
          + String.join(", ", topology.all().stream().filter(JarProcess::alive)
              .map(process -> process.name() + " " + process.residentMemoryMb() + " MB").toList()));
      // The survivor answered every read since the kill: its own metrics port shows them.
      String metrics = topology.metricsOf(topology.productReplica(2));
      assertThat(metrics).as("a service JVM's own metrics port")
          .containsPattern("shop_bus_handled_seconds_count\\{[^}]*subject=\"product.getById\"")
          .containsPattern("vertx_pool_[a-z_]+\\{[^}]*pool_type=\"sql\"");
      JsonObject afterKill = awaitHealthy(http);
      assertThat(afterKill.getJsonObject("services").getJsonObject(ServiceNames.PRODUCT).getInteger("instances"))
          .isEqualTo(1);

      Set<String> accepted = checkoutsWhileEverythingStops(http, topology, productId);
      assertEveryAcceptedOrderIsKept(topology, accepted, productId);
      assertThat(violations).as("NATS permissions violations of the JVMs, each its role's user").isEmpty();
      System.out.println("multi-JVM: no NATS permissions violation in the server's log (a user per JVM role)");
    }
  }

  private static JsonObject awaitHealthy(Http http) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Http.Response health = http.get("/health", null);
    while (health.status() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      health = http.get("/health", null);
    }
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    return health.json();
  }

  /** Reads of the product on 8 connections for 3 s, the kill of one replica, 3 × the bus timeout more. */
  private static Load.Relative readsWhileAReplicaIsKilled(Http http, Topology topology, String productId)
      throws Exception {
    try (Load load = Load.start(8, () -> http.get("/products/" + productId, null).status())) {
      Thread.sleep(3_000);
      long killedAt = System.nanoTime();
      topology.productReplica(1).kill();
      Thread.sleep(3 * Topology.BUS_TIMEOUT.toMillis() + 2_000);
      return load.stop().after(killedAt, 200);
    }
  }

  /** Checkouts on 8 connections; after 1.5 s every JVM gets SIGTERM at once. Answers the ids answered 201. */
  private static Set<String> checkoutsWhileEverythingStops(Http http, Topology topology, String productId)
      throws Exception {
    String customer = http.post("/auth/register", new JsonObject().put("email", "drain-" + UUID.randomUUID()
        + "@example.com").put("password", "password-1").put("fullName", "Drain"), null).json().getString("accessToken");
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    JsonObject body = new JsonObject().put("items", new JsonArray().add(new JsonObject().put("productId", productId)
        .put("quantity", 1)));
    Load.LoadFigures figures;
    try (Load load = Load.start(8, () -> {
      Http.Response order = http.post("/orders", body, customer);
      if (order.status() == 201) {
        accepted.add(order.json().getString("id"));
      }
      return order.status();
    })) {
      Thread.sleep(1_500);
      long stoppedAt = System.nanoTime();
      List<JarProcess> running = topology.all().stream().filter(JarProcess::alive).toList();
      running.forEach(JarProcess::terminate);
      for (JarProcess process : running) {
        assertThat(process.awaitExit(Duration.ofSeconds(40))).as(process.name() + " exit code\n" + process.tail())
            .isIn(0, 143);
      }
      System.out.printf("multi-JVM: SIGTERM of all %d JVMs under checkout load: all exited in %.1f s%n",
          running.size(), (System.nanoTime() - stoppedAt) / 1e9);
      figures = load.stop();
    }
    System.out.printf("multi-JVM: checkouts during the stop: %d sent, %d answered 201, %d other answers or failures%n",
        figures.requests(), accepted.size(), figures.requests() - accepted.size());
    assertThat(accepted).as("checkouts accepted before the stop").isNotEmpty();
    return accepted;
  }

  /**
   * Every order answered 201 is in the order database, and no unit is lost: the product's stock,
   * the units in orders and the units held by reservations whose order was never written add up
   * to the stock it began with.
   */
  private static void assertEveryAcceptedOrderIsKept(Topology topology, Set<String> accepted, String productId)
      throws Exception {
    UnitLedger ledger = UnitLedger.read(topology.database(ServiceNames.PRODUCT), topology.database(ServiceNames.ORDER),
        productId, accepted);
    System.out.printf("multi-JVM: after the stop: %d of %d accepted orders in the database; %s (of %d); order events"
        + " not yet published: %d%n", ledger.kept().size(), accepted.size(), ledger, SmokeScenario.STOCK,
        ledger.unpublished());
    assertThat(ledger.kept()).as("orders answered 201").containsExactlyInAnyOrderElementsOf(accepted);
    assertThat(ledger.units()).as("no unit lost or sold twice").isEqualTo(SmokeScenario.STOCK);
  }
}
