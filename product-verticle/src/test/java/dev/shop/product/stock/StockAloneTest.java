package dev.shop.product.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.Concurrently;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.order.OrderExistsReply;
import dev.shop.contract.order.OrderExistsRequest;
import dev.shop.contract.order.OrderSubjects;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.product.ReservationRequest;
import dev.shop.contract.product.StockLine;
import dev.shop.contract.product.StockReserveReply;
import dev.shop.contract.product.StockReserveRequest;
import dev.shop.product.AdminCatalogue;
import dev.shop.product.ProductVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stock and its reservations with the product service alone, as the order service uses them over
 * the bus; the order service's {@code order.exists} is a stub, so the sweeper of expired
 * reservations can be told which orders exist. Reservations expire after one second here.
 */
class StockAloneTest {

  /** The first requests of a cold service on a loaded machine can take seconds; no peer here hangs. */
  private static final String ROOM_FOR_A_LOADED_MACHINE_MS = "10000";

  /** Orders the stub says do not exist; every other one does. */
  private static final Set<UUID> ORDERS_GONE = ConcurrentHashMap.newKeySet();
  /** How many orders each order.exists request asked about. */
  private static final List<Integer> ASKED_AT_ONCE = new CopyOnWriteArrayList<>();
  private static volatile boolean orderServiceDown;
  private static ServiceUnderTest product;
  private static AdminCatalogue catalogue;

  @BeforeAll
  static void start() {
    product = ServiceUnderTest.start(ProductVerticle.SERVICE, ProductVerticle.FACTORY,
        settings -> settings.put(ConfigKeys.RESERVATION_TTL_SECONDS, "1")
            .put(ConfigKeys.BUS_TIMEOUT_MS, ROOM_FOR_A_LOADED_MACHINE_MS));
    catalogue = new AdminCatalogue(product);
    product.stub(OrderSubjects.EXISTS).answers(request -> {
      if (orderServiceDown) {
        return Future.failedFuture(new ShopException(503, "No responders for order.exists"));
      }
      List<UUID> asked = OrderExistsRequest.fromJson(request.body()).orderIds();
      ASKED_AT_ONCE.add(asked.size());
      return Future.succeededFuture(BusReply.ok(new OrderExistsReply(
          asked.stream().filter(orderId -> !ORDERS_GONE.contains(orderId)).toList()).toJson()));
    });
  }

  @AfterAll
  static void stop() {
    product.close();
  }

  @Test
  void aReservationTakesStockOnceAndItsReleaseGivesItBackOnce() {
    UUID lamp = catalogue.product(5, 1_250, null);
    UUID order = UUID.randomUUID();

    JsonObject reserved = reserve(order, line(lamp, 2), line(lamp, 1));
    StockReserveReply reservation = StockReserveReply.fromJson(reserved);
    assertThat(reservation.orderId()).isEqualTo(order);
    assertThat(reservation.items()).singleElement().satisfies(line -> {
      assertThat(line.productId()).isEqualTo(lamp);
      assertThat(line.quantity()).as("one product's lines add up").isEqualTo(3);
      assertThat(line.priceInt()).isEqualTo(1_250);
    });
    assertThat(reserved.getJsonArray("items").getJsonObject(0).fieldNames()).contains("sku", "name", "slug", "imageUrls");
    assertThat(catalogue.stock(lamp)).isEqualTo(2);
    assertThat(reserve(order, line(lamp, 2))).as("a retry answers the reservation as made").isEqualTo(reserved);
    assertThat(catalogue.stock(lamp)).isEqualTo(2);

    assertThat(released(order)).isTrue();
    assertThat(released(order)).isFalse();
    assertThat(catalogue.stock(lamp)).isEqualTo(5);

    assertThat(refused(ProductSubjects.STOCK_RESERVE, reservation(order, line(lamp, 1))).status()).isEqualTo(409);
    assertThat(released(UUID.randomUUID())).isFalse();
    assertThat(catalogue.stock(lamp)).isEqualTo(5);
  }

  @Test
  void aRefusedReservationTakesNothingAndLeavesNothing() {
    UUID plenty = catalogue.product(10, 100, null);
    UUID scarce = catalogue.product(1, 100, null);
    UUID order = UUID.randomUUID();

    ShopException shortOfStock = refused(ProductSubjects.STOCK_RESERVE, reservation(order, line(plenty, 3), line(scarce, 2)));
    assertThat(shortOfStock.status()).isEqualTo(409);
    assertThat(shortOfStock.details()).extracting(FieldError::field).containsExactly(scarce.toString());
    assertThat(refused(ProductSubjects.STOCK_RESERVE, reservation(order, line(plenty, 1), line(UUID.randomUUID(), 1))).status())
        .isEqualTo(404);
    assertThat(refused(ProductSubjects.STOCK_RESERVE, reservation(order, line(plenty, 0))).details())
        .extracting(FieldError::field).containsExactly("items[0].quantity");
    assertThat(catalogue.stock(plenty)).isEqualTo(10);
    assertThat(catalogue.stock(scarce)).isEqualTo(1);
    assertThat(product.number("SELECT count(*) FROM stock_reservations WHERE order_id = $1", order)).isZero();

    ShopException forAUser = product.refusal(ProductSubjects.STOCK_RESERVE, reservation(order, line(plenty, 1)),
        ServiceUnderTest.customer(UUID.randomUUID()));
    assertThat(forAUser.status()).as("services only").isEqualTo(403);
    assertThat(reserve(order, line(plenty, 3), line(scarce, 1)).getJsonArray("items")).hasSize(2);
  }

  @Test
  void theSweeperConfirmsExpiredReservationsOfExistingOrdersAndReleasesTheOthers() {
    UUID desk = catalogue.product(10, 5_000, null);
    UUID ordered = UUID.randomUUID();
    UUID abandoned = UUID.randomUUID();
    ORDERS_GONE.add(abandoned);
    reserve(ordered, line(desk, 2));
    reserve(abandoned, line(desk, 3));
    assertThat(catalogue.stock(desk)).isEqualTo(5);

    await("both settled", () -> !"PENDING".equals(status(ordered)) && !"PENDING".equals(status(abandoned)));
    assertThat(status(ordered)).isEqualTo("CONFIRMED");
    assertThat(status(abandoned)).isEqualTo("RELEASED");
    assertThat(catalogue.stock(desk)).isEqualTo(8);
  }

  @Test
  void theSweeperSettlesManyExpiredReservationsWithOneQuestion() {
    UUID shelf = catalogue.product(40, 300, null);
    List<UUID> ordered = new ArrayList<>();
    List<UUID> abandoned = new ArrayList<>();
    List<Future<BusReply>> reservations = new ArrayList<>();
    // Made at once, so that they expire together however slow the machine.
    for (int i = 0; i < 20; i++) {
      UUID order = UUID.randomUUID();
      (i % 4 == 0 ? abandoned : ordered).add(order);
      if (i % 4 == 0) {
        ORDERS_GONE.add(order);
      }
      reservations.add(product.request(ProductSubjects.STOCK_RESERVE, reservation(order, line(shelf, 1)),
          ServiceUnderTest.anonymous()));
    }
    Await.result(Future.all(reservations));
    assertThat(catalogue.stock(shelf)).isEqualTo(20);

    await("all settled", () -> product.number("SELECT count(*) FROM stock_reservations WHERE order_id = ANY($1) "
        + "AND status = 'PENDING'", (Object) allOf(ordered, abandoned)) == 0);
    assertThat(ordered).allSatisfy(order -> assertThat(status(order)).isEqualTo("CONFIRMED"));
    assertThat(abandoned).allSatisfy(order -> assertThat(status(order)).isEqualTo("RELEASED"));
    assertThat(catalogue.stock(shelf)).as("the abandoned orders' units back, the ordered ones sold").isEqualTo(25);
    assertThat(ASKED_AT_ONCE).as("one order.exists asks about many reservations").anyMatch(size -> size > 1);
  }

  private static UUID[] allOf(List<UUID> some, List<UUID> others) {
    List<UUID> all = new ArrayList<>(some);
    all.addAll(others);
    return all.toArray(UUID[]::new);
  }

  @Test
  void aReservationWaitsWhileTheOrderServiceCannotAnswer() {
    UUID chair = catalogue.product(4, 700, null);
    UUID order = UUID.randomUUID();
    ORDERS_GONE.add(order);
    orderServiceDown = true;
    try {
      reserve(order, line(chair, 4));
      sleep(Duration.ofMillis(2_500));
      assertThat(status(order)).isEqualTo("PENDING");
      assertThat(catalogue.stock(chair)).isZero();
    } finally {
      orderServiceDown = false;
    }
    await("released once the order service says the order does not exist", () -> "RELEASED".equals(status(order)));
    assertThat(catalogue.stock(chair)).isEqualTo(4);
  }

  @Test
  void ofConcurrentReservationsForTheLastUnitExactlyOneWins() {
    UUID last = catalogue.product(1, 999, null);
    List<Callable<Integer>> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      UUID order = UUID.randomUUID();
      attempts.add(() -> statusOf(ProductSubjects.STOCK_RESERVE, reservation(order, line(last, 1))));
    }
    List<Integer> statuses = Concurrently.run(attempts);

    assertThat(statuses).containsOnly(200, 409).filteredOn(status -> status == 200).hasSize(1);
    assertThat(catalogue.stock(last)).isZero();
    assertThat(product.number("SELECT count(*) FROM stock_reservation_items WHERE product_id = $1", last))
        .isEqualTo(1);
  }

  /**
   * Reservations that arrive together share transactions (a group commit), and each still has its
   * own outcome: one short of stock or naming an unknown product is refused by itself, takes
   * nothing and leaves nothing, and the others are made.
   */
  @Test
  void reservationsArrivingTogetherShareTransactionsAndEachHasItsOwnOutcome() {
    UUID plenty = catalogue.product(100, 500, null);
    UUID scarce = catalogue.product(3, 700, null);
    List<UUID> orders = new ArrayList<>();
    List<Future<BusReply>> answers = new ArrayList<>();
    // Every reservation takes plenty: while another transaction holds its row, the first one each
    // service instance writes waits for it, so all the others arrive while it runs, as under load.
    SqlConnection holder = Await.result(product.database().getConnection());
    try {
      Transaction locked = Await.result(holder.begin());
      Await.result(holder.preparedQuery("SELECT 1 FROM products WHERE id = $1 FOR UPDATE").execute(Tuple.of(plenty)));
      for (int i = 0; i < 31; i++) {
        UUID order = UUID.randomUUID();
        orders.add(order);
        StockLine[] lines = i == 30 ? new StockLine[] {line(plenty, 2), line(UUID.randomUUID(), 1)}
            : i % 5 == 0 ? new StockLine[] {line(plenty, 2), line(scarce, 1)} : new StockLine[] {line(plenty, 2)};
        answers.add(product.request(ProductSubjects.STOCK_RESERVE, reservation(order, lines),
            ServiceUnderTest.anonymous()));
      }
      await("a reservation waiting for plenty's row", () -> product.number("SELECT count(*) FROM pg_stat_activity "
          + "WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0);
      sleep(Duration.ofMillis(500));
      Await.result(locked.rollback());
    } finally {
      Await.result(holder.close());
    }
    Await.result(Future.join(answers).otherwiseEmpty());

    List<UUID> made = new ArrayList<>();
    List<Integer> refusals = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).succeeded()) {
        made.add(orders.get(i));
      } else {
        ShopException refused = (ShopException) answers.get(i).cause();
        refusals.add(refused.status());
        if (refused.status() == 409) {
          assertThat(refused.details()).extracting(FieldError::field).containsExactly(scarce.toString());
        }
      }
    }
    assertThat(refusals).as("three buyers of the scarce product too many, one unknown product")
        .containsExactlyInAnyOrder(409, 409, 409, 404);
    assertThat(made).hasSize(27);
    assertThat(catalogue.stock(plenty)).isEqualTo(100 - 2 * 27);
    assertThat(catalogue.stock(scarce)).isZero();
    UUID[] all = orders.toArray(UUID[]::new);
    assertThat(product.number("SELECT count(*) FROM stock_reservations WHERE order_id = ANY($1)", (Object) all))
        .as("a refused reservation leaves nothing").isEqualTo(27);
    assertThat(product.number("SELECT sum(quantity) FROM stock_reservation_items WHERE order_id = ANY($1)", (Object) all))
        .isEqualTo(2 * 27 + 3);
    assertThat(product.number("SELECT count(DISTINCT xmin::text) FROM stock_reservations WHERE order_id = ANY($1)",
        (Object) all)).as("transactions that made the 27 reservations").isLessThan(14);
  }

  /**
   * A product whose stock is already short is refused from a read alone: without waiting for its
   * row lock (held here by another transaction, as the buyers of the last units hold it in a flash
   * sale) and without writing anything.
   */
  @Test
  void aReservationOfASoldOutProductIsRefusedWithoutWaitingForItsLock() {
    UUID soldOut = catalogue.product(0, 500, null);
    UUID order = UUID.randomUUID();
    SqlConnection holder = Await.result(product.database().getConnection());
    try {
      Transaction locked = Await.result(holder.begin());
      Await.result(holder.preparedQuery("SELECT 1 FROM products WHERE id = $1 FOR UPDATE").execute(Tuple.of(soldOut)));

      ShopException refusal = refused(ProductSubjects.STOCK_RESERVE, reservation(order, line(soldOut, 1)));
      assertThat(refusal.status()).isEqualTo(409);
      assertThat(refusal.details()).extracting(FieldError::field).containsExactly(soldOut.toString());
      Await.result(locked.rollback());
    } finally {
      Await.result(holder.close());
    }
    assertThat(product.number("SELECT count(*) FROM stock_reservations WHERE order_id = $1", order)).isZero();
  }

  /** The refusal from a read never refuses a retry: the reservation that took the last unit is answered as made. */
  @Test
  void aRetryOfTheReservationThatTookTheLastUnitIsAnsweredAsMade() {
    UUID last = catalogue.product(1, 700, null);
    UUID order = UUID.randomUUID();
    JsonObject reserved = reserve(order, line(last, 1));
    assertThat(catalogue.stock(last)).isZero();

    assertThat(reserve(order, line(last, 1))).isEqualTo(reserved);
    assertThat(refused(ProductSubjects.STOCK_RESERVE, reservation(UUID.randomUUID(), line(last, 1))).status())
        .isEqualTo(409);
    assertThat(catalogue.stock(last)).isZero();
  }

  /** Reservations of two products in both orders, releases and admin adjustments: no deadlock, stock exact. */
  @Test
  void reservationsReleasesAndAdjustmentsOfTheSameProductsRaceWithoutDeadlockOrNegativeStock() {
    UUID first = catalogue.product(20, 100, null);
    UUID second = catalogue.product(20, 100, null);
    List<UUID> held = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      UUID order = UUID.randomUUID();
      reserve(order, line(first, 1), line(second, 1));
      held.add(order);
    }
    List<Callable<Integer>> writes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      UUID order = UUID.randomUUID();
      JsonObject body = i % 2 == 0 ? reservation(order, line(first, 2), line(second, 2))
          : reservation(order, line(second, 2), line(first, 2));
      writes.add(() -> statusOf(ProductSubjects.STOCK_RESERVE, body));
      UUID release = held.get(i);
      writes.add(() -> statusOf(ProductSubjects.STOCK_RELEASE, new ReservationRequest(release).toJson()));
      UUID adjusted = i % 2 == 0 ? first : second;
      writes.add(() -> statusOf(ProductSubjects.PRODUCT_ADJUST_STOCK, new JsonObject().put("id", adjusted.toString())
          .put("changes", new JsonObject().put("delta", -1)), true));
    }
    List<Integer> statuses = Concurrently.run(writes);

    assertThat(statuses).as("no write aborted (500) or timed out (504)").allMatch(s -> s == 200 || s == 409);
    long reservedFirst = product.number("SELECT coalesce(sum(i.quantity), 0) FROM stock_reservation_items i "
        + "JOIN stock_reservations r USING (order_id) WHERE r.status <> 'RELEASED' AND i.product_id = $1", first);
    assertThat(catalogue.stock(first)).isEqualTo(20 - 3 - reservedFirst);
    assertThat(catalogue.stock(second)).isEqualTo(20 - 3 - product.number("SELECT coalesce(sum(i.quantity), 0) "
        + "FROM stock_reservation_items i JOIN stock_reservations r USING (order_id) "
        + "WHERE r.status <> 'RELEASED' AND i.product_id = $1", second));
  }

  /** A cancelled order's releases racing the sweeper's settling of the same reservation. */
  @Test
  void releasesRacingTheSweeperGiveTheStockBackExactlyOnce() {
    UUID lamp = catalogue.product(3, 100, null);
    UUID order = UUID.randomUUID();
    reserve(order, line(lamp, 3));
    sleep(Duration.ofMillis(900));
    List<Callable<JsonObject>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> outcome(ProductSubjects.STOCK_RELEASE, order));
    }
    List<JsonObject> outcomes = Concurrently.run(calls);
    sleep(Duration.ofMillis(1_500));

    assertThat(outcomes).filteredOn(o -> o.getBoolean("released", false)).hasSize(1);
    assertThat(outcomes).noneMatch(o -> o.containsKey("error"));
    assertThat(status(order)).as("the sweeper never confirms a released reservation").isEqualTo("RELEASED");
    assertThat(catalogue.stock(lamp)).isEqualTo(3);
  }

  // ---- requests ----

  private static StockLine line(UUID productId, int quantity) {
    return new StockLine(productId.toString(), quantity);
  }

  private static JsonObject reservation(UUID order, StockLine... lines) {
    return new StockReserveRequest(order, List.of(lines)).toJson();
  }

  private static JsonObject reserve(UUID order, StockLine... lines) {
    return product.call(ProductSubjects.STOCK_RESERVE, reservation(order, lines), ServiceUnderTest.anonymous()).bodyAsObject();
  }

  /** {@code stock.release}'s "released" as answered: not read as StockReleaseReply, which takes an absent one for false. */
  private static Boolean released(UUID order) {
    return internal(ProductSubjects.STOCK_RELEASE, order).getBoolean("released");
  }

  private static JsonObject internal(String subject, UUID order) {
    return product.call(subject, new ReservationRequest(order).toJson(), ServiceUnderTest.anonymous()).bodyAsObject();
  }

  private static ShopException refused(String subject, JsonObject body) {
    return product.refusal(subject, body, ServiceUnderTest.anonymous());
  }

  /** The answer's body, or {@code {error: status}} of the error. */
  private static JsonObject outcome(String subject, UUID order) {
    try {
      return internal(subject, order);
    } catch (ShopException refused) {
      return new JsonObject().put("error", refused.status());
    }
  }

  private static int statusOf(String subject, JsonObject body) {
    return statusOf(subject, body, false);
  }

  private static int statusOf(String subject, JsonObject body, boolean asAdmin) {
    try {
      return product.call(subject, body, asAdmin ? AdminCatalogue.admin() : ServiceUnderTest.anonymous()).status();
    } catch (ShopException refused) {
      return refused.status();
    }
  }

  private static String status(UUID order) {
    return product.rows("SELECT status FROM stock_reservations WHERE order_id = $1", order).get(0).getString(0);
  }

  private static void await(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plusSeconds(15);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within 15 s: " + what);
      }
      sleep(Duration.ofMillis(100));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
