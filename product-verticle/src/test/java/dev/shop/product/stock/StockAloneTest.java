package dev.shop.product.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Concurrently;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.order.OrderExistsReply;
import dev.shop.contract.order.OrderExistsRequest;
import dev.shop.contract.order.OrderSubjects;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.product.ReservationRequest;
import dev.shop.contract.product.StockConfirmReply;
import dev.shop.contract.product.StockLine;
import dev.shop.contract.product.StockReserveReply;
import dev.shop.contract.product.StockReserveRequest;
import dev.shop.product.AdminCatalogue;
import dev.shop.product.ProductVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
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
  private static volatile boolean orderServiceDown;
  private static ServiceUnderTest product;
  private static AdminCatalogue catalogue;

  @BeforeAll
  static void start() {
    product = ServiceUnderTest.start(ProductVerticle.SERVICE, ProductVerticle.FACTORY,
        settings -> settings.put(ConfigKeys.RESERVATION_TTL_SECONDS, "1")
            .put(ConfigKeys.BUS_TIMEOUT_MS, ROOM_FOR_A_LOADED_MACHINE_MS));
    catalogue = new AdminCatalogue(product);
    product.stub(OrderSubjects.EXISTS).answers(request -> orderServiceDown
        ? Future.failedFuture(new ShopException(503, "No responders for order.exists"))
        : Future.succeededFuture(BusReply.ok(new OrderExistsReply(
            !ORDERS_GONE.contains(OrderExistsRequest.fromJson(request.body()).orderId())).toJson())));
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

    assertThat(confirm(order).status()).isEqualTo("CONFIRMED");
    assertThat(confirm(order).status()).isEqualTo("CONFIRMED");
    assertThat(released(order)).isTrue();
    assertThat(released(order)).isFalse();
    assertThat(catalogue.stock(lamp)).isEqualTo(5);

    assertThat(refused(ProductSubjects.STOCK_CONFIRM, new ReservationRequest(order).toJson()).status()).isEqualTo(409);
    assertThat(refused(ProductSubjects.STOCK_RESERVE, reservation(order, line(lamp, 1))).status()).isEqualTo(409);
    assertThat(refused(ProductSubjects.STOCK_CONFIRM, new ReservationRequest(UUID.randomUUID()).toJson()).status())
        .isEqualTo(404);
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

  @Test
  void releasesAndConfirmationsOfOneReservationRacingGiveTheStockBackExactlyOnce() {
    UUID lamp = catalogue.product(3, 100, null);
    UUID order = UUID.randomUUID();
    reserve(order, line(lamp, 3));
    List<Callable<JsonObject>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(() -> outcome(ProductSubjects.STOCK_RELEASE, order));
      calls.add(() -> outcome(ProductSubjects.STOCK_CONFIRM, order));
    }
    List<JsonObject> outcomes = Concurrently.run(calls);

    assertThat(outcomes).filteredOn(o -> o.getBoolean("released", false)).hasSize(1);
    assertThat(outcomes).allMatch(o -> !o.containsKey("error") || o.getInteger("error") == 409);
    assertThat(status(order)).isEqualTo("RELEASED");
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

  private static StockConfirmReply confirm(UUID order) {
    return StockConfirmReply.fromJson(internal(ProductSubjects.STOCK_CONFIRM, order));
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
