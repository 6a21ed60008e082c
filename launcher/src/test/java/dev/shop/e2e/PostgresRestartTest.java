package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.TestNats;
import dev.shop.system.Load;
import dev.shop.system.UnitLedger;
import io.nats.NatsServerRunner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL (every service's database) stops for three seconds under steady reads, checkouts and
 * registrations over NATS, then starts again on the same port and data directory. Every request is
 * answered within the bus time-out, with 503 while the database is away (never a raw 500), the
 * pools serve again within seconds, every order and account answered 201 is there, no unit of
 * stock is lost, and the report service counts every accepted order from its event (the outbox
 * relay and the consumers resume). Prints its figures.
 */
class PostgresRestartTest {

  /**
   * The bus time-out: a checkout (two services, three transactions, fsync on) took over two seconds
   * on a busy two-core machine before any fault; a time-out must mean a hang, not a slow moment.
   */
  private static final int TIMEOUT_MS = 3_000;
  private static final int STOCK = 100_000;
  /**
   * A service answers a request whose database is away at once (connection refused, or PostgreSQL's
   * own "shutting down" / "starting up" errors); what bounds an answer is the bus time-out, which a
   * read's second try (the gateway asks another instance after a 503 or 504) shares. The margin is
   * for a noisy two-core machine.
   */
  private static final long MARGIN_MS = 1_000;

  @Test
  void everyRequestIsAnsweredInTimeDuringARestartAndNoAcceptedWriteIsLost() throws Exception {
    RestartablePostgres postgres = RestartablePostgres.start();
    // A nats-server of its own: on the shared one, the services of other tests' platforms (other
    // databases) would answer this platform's requests in the same queue groups.
    NatsServerRunner nats = TestNats.isolated();
    JsonObject config = RunningPlatform.overrides(BusKind.NATS, postgres::database)
        .put(ConfigKeys.NATS_URL, nats.getURI())
        .put(ConfigKeys.BUS_TIMEOUT_MS, Integer.toString(TIMEOUT_MS));
    RunningPlatform platform = RunningPlatform.start(config);
    try {
      platform.awaitReady();
      Http http = platform.http();
      String admin = http.adminToken();
      String product = http.post("/products", new JsonObject().put("sku", "PGR-" + UUID.randomUUID())
          .put("name", "Restart teapot").put("priceInt", 1_000).put("stock", STOCK), admin).json().getString("id");
      String buyer = http.newCustomerToken("pg-restart", "Restart");
      JsonObject order = new JsonObject().put("items", new JsonArray().add(new JsonObject().put("productId", product)
          .put("quantity", 1)));
      Set<String> orders = ConcurrentHashMap.newKeySet();
      Set<String> accounts = ConcurrentHashMap.newKeySet();
      postgres.checkpoint();

      long began = System.nanoTime();
      long stopping;
      long stopped;
      long starting;
      long back;
      Load.LoadFigures readFigures;
      Load.LoadFigures checkoutFigures;
      Load.LoadFigures registrationFigures;
      try (Load reads = Load.start(3, () -> http.get("/products/" + product, null).status());
          Load checkouts = Load.start(2, () -> {
            Http.Response answer = http.send("POST", "/orders", order, buyer,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            if (answer.status() == 201) {
              orders.add(answer.json().getString("id"));
            }
            return answer.status();
          });
          Load registrations = Load.start(1, () -> {
            String email = "pg-restart-" + UUID.randomUUID() + "@example.com";
            int status = http.post("/auth/register", new JsonObject().put("email", email)
                .put("password", "password-1").put("fullName", "Restart"), null).status();
            if (status == 201) {
              accounts.add(email);
            }
            return status;
          })) {
        Thread.sleep(3_000);
        stopping = System.nanoTime();
        postgres.stop();
        stopped = System.nanoTime();
        Thread.sleep(3_000);
        starting = System.nanoTime();
        postgres.startAgain();
        back = System.nanoTime();
        Thread.sleep(TIMEOUT_MS + 5_000); // past the full-service bound below
        readFigures = reads.stop();
        checkoutFigures = checkouts.stop();
        registrationFigures = registrations.stop();
      }

      Load.Relative readsAfter = readFigures.after(back, 200);
      Load.Relative checkoutsAfter = checkoutFigures.after(back, 201);
      Load.Relative registrationsAfter = registrationFigures.after(back, 201);
      List<Load.Sample> failures = Stream.of(readFigures, checkoutFigures, registrationFigures)
          .flatMap(figures -> figures.samples().stream())
          .filter(sample -> sample.status() >= 500 || sample.status() < 0)
          .toList();
      System.out.printf("PostgreSQL restart: stopping at %.0f ms, exited at %.0f ms, starting at %.0f ms, back at"
          + " %.0f ms; %d failures from %.0f ms to %.0f ms, %d before the stop (bus time-out %d ms)%n",
          ms(stopping - began), ms(stopped - began), ms(starting - began), ms(back - began), failures.size(),
          ms(failures.stream().mapToLong(Load.Sample::at).min().orElse(began) - began),
          ms(failures.stream().mapToLong(Load.Sample::at).max().orElse(began) - began),
          failures.stream().filter(sample -> sample.at() < stopping).count(), TIMEOUT_MS);
      print("reads", readFigures, readsAfter);
      print("checkouts", checkoutFigures, checkoutsAfter);
      print("registrations", registrationFigures, registrationsAfter);

      for (Load.LoadFigures figures : new Load.LoadFigures[] {readFigures, checkoutFigures, registrationFigures}) {
        assertThat(figures.statuses().keySet()).as("statuses: 503 while the database is away, never a 500")
            .isSubsetOf(figures == readFigures ? Set.of(200, 503, 504) : Set.of(201, 503, 504));
      }
      assertThat(readFigures.slowestMs()).as("a read, its retry included: within the bus time-out")
          .isLessThan(TIMEOUT_MS + MARGIN_MS);
      assertThat(checkoutFigures.slowestMs()).as("a checkout: within the bus time-out")
          .isLessThan(TIMEOUT_MS + MARGIN_MS);
      assertThat(registrationFigures.slowestMs()).as("a registration: within the bus time-out")
          .isLessThan(TIMEOUT_MS + MARGIN_MS);
      // A pool drops the connections PostgreSQL closed and opens new ones as requests come: the first
      // requests after it is back are served (within a second in every run). A request in flight as
      // it came back may still take up to the time-out; three seconds more for a loaded machine.
      for (Load.Relative after : new Load.Relative[] {readsAfter, checkoutsAfter, registrationsAfter}) {
        assertThat(after.lastFailureMs()).as("full service again after the restart")
            .isLessThan(TIMEOUT_MS + 3_000);
        assertThat(after.requestsAfterRecovery()).as("served after the restart").isPositive();
      }

      // No accepted write lost: every order and account answered 201 is there, every unit of
      // stock is on the shelf, in an order or held by a reservation the sweeper will settle.
      assertThat(orders).as("checkouts accepted").isNotEmpty();
      for (String id : orders) {
        assertThat(http.get("/orders/" + id, buyer).status()).as("order " + id).isEqualTo(200);
      }
      for (String email : accounts) {
        assertThat(http.post("/auth/login", new JsonObject().put("email", email).put("password", "password-1"), null)
            .status()).as("sign-in of " + email).isEqualTo(200);
      }
      UnitLedger ledger = UnitLedger.read(postgres.database(ServiceNames.PRODUCT),
          postgres.database(ServiceNames.ORDER), product, orders);
      assertThat(ledger.kept()).as("orders answered 201").containsExactlyInAnyOrderElementsOf(orders);
      assertThat(ledger.units()).as("no unit lost or sold twice: " + ledger).isEqualTo(STOCK);

      // Events: the outbox relay and the report service's consumer resume once the database is back.
      int counted = awaitCounted(http, admin, orders.size());
      System.out.printf("PostgreSQL restart: %d checkouts and %d registrations accepted; %s; the report service"
          + " counted %d orders from their events%n", orders.size(), accounts.size(), ledger, counted);
      assertThat(counted).as("orders counted by the report service").isGreaterThanOrEqualTo(orders.size());
    } finally {
      platform.stop();
      postgres.close();
      nats.close();
    }
  }

  /** The report's order count once it reaches {@code expected}, or as it is after 20 s. */
  private static int awaitCounted(Http http, String admin, int expected) throws InterruptedException {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    long deadline = System.nanoTime() + 20_000_000_000L;
    int counted;
    do {
      counted = http.get("/reports/sales-summary?fromAt=" + today + "&toAt=" + today, admin).json()
          .getInteger("totalOrders");
      if (counted >= expected) {
        return counted;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    return counted;
  }

  private static void print(String what, Load.LoadFigures figures, Load.Relative after) {
    System.out.printf("PostgreSQL restart: %d %s, statuses %s, slowest %.0f ms; after PostgreSQL was back: first"
        + " success %.0f ms, last failure %s, %d served since%n", figures.requests(), what, figures.statuses(),
        figures.slowestMs(), after.firstSuccessMs(), after.lastFailureMs() < 0 ? "none"
        : String.format("%.0f ms", after.lastFailureMs()), after.requestsAfterRecovery());
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
