package dev.shop.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.PeerStub;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.cart.CartLine;
import dev.shop.contract.cart.CartLines;
import dev.shop.contract.cart.CartSubjects;
import dev.shop.contract.cart.RemoveOrderedRequest;
import dev.shop.contract.order.OrderEvents;
import dev.shop.contract.order.OrderExistsReply;
import dev.shop.contract.order.OrderExistsRequest;
import dev.shop.contract.order.OrderSubjects;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.product.ReservationRequest;
import dev.shop.contract.product.StockLine;
import dev.shop.contract.product.StockReserveRequest;
import dev.shop.order.HealthyStock;
import dev.shop.order.OrderVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checkout ({@code order.create}) with the order service alone: the product service's
 * {@code stock.*} and the cart service's {@code cart.*} are stubs, so each of their answers,
 * failures included, can be chosen.
 */
class CheckoutAloneTest {

  private static ServiceUnderTest order;
  private PeerStub reserve;
  private PeerStub release;
  private PeerStub cartGet;
  private PeerStub removeOrdered;

  @BeforeAll
  static void start() {
    order = ServiceUnderTest.start(OrderVerticle.SERVICE, OrderVerticle.FACTORY);
  }

  @AfterAll
  static void stop() {
    order.close();
  }

  /** Every peer answers as a healthy one would; a test changes what it needs. */
  @BeforeEach
  void healthyPeers() {
    reserve = order.stub(ProductSubjects.STOCK_RESERVE).repliesWith(HealthyStock.reservedAt(1_000));
    release = order.stub(ProductSubjects.STOCK_RELEASE).repliesWith(HealthyStock::released);
    cartGet = order.stub(CartSubjects.GET).replies(new CartLines(List.of()).toJson());
    removeOrdered = order.stub(CartSubjects.REMOVE_ORDERED).replies(new CartLines(List.of()).toJson());
  }

  /** {@code order.create}'s body naming its lines (the gateway's exchange: no contract record). */
  static JsonObject items(UUID product, int quantity) {
    return new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("productId", product.toString()).put("quantity", quantity)));
  }

  /** The cart service's answer to {@code cart.get}: one line. */
  static JsonObject cartOf(UUID product, int quantity) {
    return new CartLines(List.of(new CartLine(product.toString(), quantity))).toJson();
  }

  static RemoveOrderedRequest removalOf(UUID product, int quantity) {
    return new RemoveOrderedRequest(List.of(new CartLine(product.toString(), quantity)));
  }

  private static long ordersOf(UUID user) {
    return order.number("SELECT count(*) FROM orders WHERE user_id = $1", user);
  }

  @Test
  void aReservationRefusedForShortStockIs409AndLeavesNoOrder() {
    UUID user = UUID.randomUUID();
    UUID product = UUID.randomUUID();
    reserve.fails(ShopException.conflict("Insufficient stock for 1 product",
        List.of(new FieldError(product.toString(), "only 2 left"))));

    ShopException refused = order.refusal(OrderSubjects.CREATE, items(product, 3), ServiceUnderTest.customer(user, "key-1"));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.details()).extracting(FieldError::field).containsExactly(product.toString());
    assertThat(StockReserveRequest.fromJson(reserve.onlyRequest()).items())
        .containsExactly(new StockLine(product.toString(), 3));
    assertThat(ordersOf(user)).isZero();
    assertThat(order.number("SELECT count(*) FROM idempotency_keys WHERE user_id = $1", user))
        .as("the key is free for a retry").isZero();
    assertThat(release.count()).as("nothing to release").isZero();

    reserve.repliesWith(HealthyStock.reservedAt(1_000));
    BusReply retried = order.call(OrderSubjects.CREATE, items(product, 3), ServiceUnderTest.customer(user, "key-1"));
    assertThat(retried.status()).isEqualTo(201);
    assertThat(ordersOf(user)).isEqualTo(1);
  }

  @Test
  void aCartTheCartServiceCannotReadIsAnErrorAndNoOrder() {
    UUID user = UUID.randomUUID();
    cartGet.fails(503, "Service unavailable: cart.get");

    ShopException down = order.refusal(OrderSubjects.CREATE, new JsonObject(), ServiceUnderTest.customer(user, "cart-down"));

    assertThat(down.status()).isEqualTo(503);
    assertThat(down.getMessage()).isEqualTo("Service unavailable: cart.get");
    assertThat(reserve.count()).as("nothing reserved").isZero();
    assertThat(ordersOf(user)).isZero();
    assertThat(order.number("SELECT count(*) FROM idempotency_keys WHERE user_id = $1", user)).isZero();
  }

  @Test
  void aCartServiceThatNeverAnswersEndsInATimeOutAndNoOrder() {
    UUID user = UUID.randomUUID();
    cartGet.hangs();

    ShopException late = order.refusal(OrderSubjects.CREATE, new JsonObject(), ServiceUnderTest.customer(user));

    assertThat(late.status()).isEqualTo(504);
    assertThat(reserve.count()).isZero();
    assertThat(ordersOf(user)).isZero();
  }

  @Test
  void anEmptyCartIs400() {
    UUID user = UUID.randomUUID();
    ShopException empty = order.refusal(OrderSubjects.CREATE, new JsonObject(), ServiceUnderTest.customer(user));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.getMessage()).isEqualTo("The cart is empty");
    assertThat(reserve.count()).isZero();
  }

  @Test
  void aCheckoutFromTheCartOrdersItsLinesAndTakesThemOut() {
    UUID user = UUID.randomUUID();
    UUID product = UUID.randomUUID();
    cartGet.replies(cartOf(product, 2));

    JsonObject placed = order.call(OrderSubjects.CREATE, new JsonObject(), ServiceUnderTest.customer(user)).bodyAsObject();

    assertThat(placed.getLong("totalInt")).isEqualTo(2_000);
    assertThat(cartGet.requests()).singleElement()
        .satisfies(request -> assertThat(request.caller().userId()).as("asked as the customer").isEqualTo(user.toString()));
    assertThat(RemoveOrderedRequest.fromJson(removeOrdered.onlyRequest())).isEqualTo(removalOf(product, 2));
    assertThat(StockReserveRequest.fromJson(reserve.onlyRequest()).orderId()).hasToString(placed.getString("id"));
    assertThat(release.count()).as("the order keeps its reservation: nothing confirms it").isZero();
    assertThat(order.outbox(OrderEvents.CREATED)).anySatisfy(event ->
        assertThat(event.data().getString("orderId")).isEqualTo(placed.getString("id")));
  }

  @Test
  void aCartThatCouldNotBeEmptiedLeavesTheOrderPlaced() {
    UUID user = UUID.randomUUID();
    cartGet.replies(cartOf(UUID.randomUUID(), 1));
    removeOrdered.fails(503, "Service unavailable: cart.removeOrdered");

    BusReply placed = order.call(OrderSubjects.CREATE, new JsonObject(), ServiceUnderTest.customer(user));

    assertThat(placed.status()).isEqualTo(201);
    assertThat(removeOrdered.count()).as("asked again once").isEqualTo(2);
    assertThat(ordersOf(user)).isEqualTo(1);
  }

  /** A removal the cart service answered with an error took nothing out: it is asked again. */
  @Test
  void aRemovalThatFailedIsAskedAgain() {
    UUID product = UUID.randomUUID();
    cartGet.replies(cartOf(product, 1));
    AtomicInteger calls = new AtomicInteger();
    removeOrdered.answers(request -> calls.incrementAndGet() == 1
        ? Future.failedFuture(new ShopException(500, "Internal server error"))
        : Future.succeededFuture(BusReply.ok(new CartLines(List.of()).toJson())));

    order.call(OrderSubjects.CREATE, new JsonObject(), ServiceUnderTest.customer(UUID.randomUUID()));

    assertThat(removeOrdered.requests()).hasSize(2)
        .allSatisfy(request -> assertThat(RemoveOrderedRequest.fromJson(request.body())).isEqualTo(removalOf(product, 1)));
  }

  /** A removal that timed out may have taken the units out: asking again could take later adds. */
  @Test
  void aRemovalThatTimedOutIsNotAskedAgain() {
    UUID user = UUID.randomUUID();
    cartGet.replies(cartOf(UUID.randomUUID(), 1));
    removeOrdered.hangs();

    BusReply placed = order.call(OrderSubjects.CREATE, new JsonObject(), ServiceUnderTest.customer(user));

    assertThat(placed.status()).isEqualTo(201);
    assertThat(removeOrdered.count()).isEqualTo(1);
  }

  @Test
  void theSameKeyAndBodyTwiceIsOneOrder() {
    UUID user = UUID.randomUUID();
    JsonObject body = items(UUID.randomUUID(), 2);

    JsonObject first = order.call(OrderSubjects.CREATE, body, ServiceUnderTest.customer(user, "same")).bodyAsObject();
    BusReply again = order.call(OrderSubjects.CREATE, body, ServiceUnderTest.customer(user, "same"));

    assertThat(again.status()).isEqualTo(201);
    assertThat(again.bodyAsObject()).isEqualTo(first);
    assertThat(ordersOf(user)).isEqualTo(1);
    assertThat(reserve.count()).as("reserved once").isEqualTo(1);
    assertThat(order.number("SELECT count(*) FROM idempotency_keys WHERE user_id = $1 AND status = 'COMPLETED'",
        user)).isEqualTo(1);
    BusReply anotherUser = order.call(OrderSubjects.CREATE, body, ServiceUnderTest.customer(UUID.randomUUID(), "same"));
    assertThat(anotherUser.bodyAsObject().getString("id")).as("keys are per user").isNotEqualTo(first.getString("id"));
  }

  @Test
  void theSameKeyWithAnotherBodyIs409() {
    UUID user = UUID.randomUUID();
    order.call(OrderSubjects.CREATE, items(UUID.randomUUID(), 1), ServiceUnderTest.customer(user, "reused"));

    ShopException reused = order.refusal(OrderSubjects.CREATE, items(UUID.randomUUID(), 1),
        ServiceUnderTest.customer(user, "reused"));

    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.getMessage()).isEqualTo("This Idempotency-Key was already used with a different request");
    assertThat(ordersOf(user)).isEqualTo(1);
  }

  @Test
  void theSameKeyRacedIsStillOneOrder() {
    UUID user = UUID.randomUUID();
    JsonObject body = items(UUID.randomUUID(), 1);
    List<Future<BusReply>> racing = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      racing.add(order.request(OrderSubjects.CREATE, body, ServiceUnderTest.customer(user, "raced")));
    }
    Await.result(Future.join(racing).otherwiseEmpty());

    assertThat(ordersOf(user)).isEqualTo(1);
    assertThat(racing).allSatisfy(answer -> {
      if (answer.failed()) {
        assertThat(((ShopException) answer.cause()).status()).isEqualTo(409);
      } else {
        assertThat(answer.result().status()).isEqualTo(201);
      }
    });
    assertThat(reserve.count()).isEqualTo(1);
  }

  @Test
  void anOrderAnsweredMissingBeforeItsInsertIsNeverWritten() {
    UUID user = UUID.randomUUID();
    // The product service's sweeper asks about the order between its reservation and its insert.
    reserve.answers(request -> order.request(OrderSubjects.EXISTS, new OrderExistsRequest(
            List.of(StockReserveRequest.fromJson(request.body()).orderId())).toJson(), RequestMeta.internal("sweeper"))
        .map(answer -> {
          assertThat(OrderExistsReply.fromJson(answer.bodyAsObject()).existing()).isEmpty();
          return BusReply.ok(HealthyStock.reservedAt(1_000).apply(request.body()));
        }));

    ShopException expired = order.refusal(OrderSubjects.CREATE, items(UUID.randomUUID(), 1),
        ServiceUnderTest.customer(user, "expired"));

    assertThat(expired.status()).isEqualTo(409);
    assertThat(expired.getMessage()).isEqualTo("The stock reservation expired before the order was saved; please retry");
    UUID orderId = StockReserveRequest.fromJson(reserve.onlyRequest()).orderId();
    assertThat(ordersOf(user)).isZero();
    assertThat(order.number("SELECT count(*) FROM order_items WHERE order_id = $1", orderId)).isZero();
    assertThat(order.number("SELECT count(*) FROM order_status_history WHERE order_id = $1", orderId)).isZero();
    assertThat(order.number("SELECT count(*) FROM idempotency_keys WHERE user_id = $1", user)).isZero();
    assertThat(ReservationRequest.fromJson(release.onlyRequest()).orderId()).isEqualTo(orderId);
    assertThat(order.outbox(OrderEvents.CREATED)).noneSatisfy(event ->
        assertThat(event.data().getString("orderId")).isEqualTo(orderId.toString()));
  }

  @Test
  void existsAnswersEveryOrderOnceAndForAllWhateverItRacesWith() {
    List<UUID> users = new ArrayList<>();
    Map<UUID, Future<BusReply>> answers = new ConcurrentHashMap<>();
    // Each reservation is answered at once while order.exists about its order is already asked:
    // the answer and the order's insert race.
    reserve.answers(request -> {
      UUID orderId = StockReserveRequest.fromJson(request.body()).orderId();
      answers.put(orderId, order.request(OrderSubjects.EXISTS, new OrderExistsRequest(List.of(orderId)).toJson(),
          RequestMeta.internal("sweeper")));
      return Future.succeededFuture(BusReply.ok(HealthyStock.reservedAt(1_000).apply(request.body())));
    });
    List<Future<BusReply>> checkouts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      UUID user = UUID.randomUUID();
      users.add(user);
      checkouts.add(order.request(OrderSubjects.CREATE, items(UUID.randomUUID(), 1), ServiceUnderTest.customer(user)));
    }
    Await.result(Future.join(checkouts).otherwiseEmpty());
    Await.result(Future.join(List.copyOf(answers.values())).otherwiseEmpty());

    assertThat(answers).hasSize(40);
    answers.forEach((orderId, answer) -> {
      boolean answeredExisting = OrderExistsReply.fromJson(answer.result().bodyAsObject()).existing().contains(orderId);
      assertThat(order.number("SELECT count(*) FROM orders WHERE id = $1", orderId))
          .as("an order exists exactly when it was answered as existing").isEqualTo(answeredExisting ? 1 : 0);
      assertThat(order.number("SELECT count(*) FROM discarded_orders WHERE order_id = $1", orderId))
          .isEqualTo(answeredExisting ? 0 : 1);
    });
    assertThat(checkouts).allSatisfy(checkout -> {
      if (checkout.failed()) {
        assertThat(((ShopException) checkout.cause()).status()).isEqualTo(409);
      } else {
        assertThat(checkout.result().status()).isEqualTo(201);
      }
    });
    assertThat(checkouts.stream().filter(Future::failed).count())
        .as("every refused checkout released its reservation").isEqualTo(release.count());
  }

  /**
   * Checkouts that arrive together share transactions (a group commit), and each is written
   * whole: its lines, its first history row, its one {@code order.created} event, its key.
   */
  @Test
  void checkoutsArrivingTogetherAreWrittenWholeInFewerTransactions() throws InterruptedException {
    int count = 30;
    List<UUID> users = new ArrayList<>();
    List<Future<BusReply>> checkouts = new ArrayList<>();
    // While another transaction keeps orders from being written, the first order each service
    // instance writes waits, so all the others arrive while it runs, as under load.
    SqlConnection holder = Await.result(order.database().getConnection());
    try {
      Transaction locked = Await.result(holder.begin());
      Await.result(holder.query("LOCK TABLE orders IN SHARE MODE").execute());
      for (int i = 0; i < count; i++) {
        UUID user = UUID.randomUUID();
        users.add(user);
        checkouts.add(order.request(OrderSubjects.CREATE, items(UUID.randomUUID(), 2),
            ServiceUnderTest.customer(user, "key-" + i)));
      }
      awaitLockWaiter();
      // Every checkout past its reservation is at most a turn of its loop from the queue of writes.
      long deadline = System.currentTimeMillis() + 15_000;
      while (reserve.count() < count) {
        assertThat(System.currentTimeMillis()).as("all %d reservations asked within 15 s", count).isLessThan(deadline);
        Thread.sleep(20);
      }
      Thread.sleep(300);
      Await.result(locked.rollback());
    } finally {
      Await.result(holder.close());
    }
    Await.result(Future.all(checkouts));
    UUID[] ids = checkouts.stream().map(checkout -> UUID.fromString(checkout.result().bodyAsObject().getString("id")))
        .toArray(UUID[]::new);

    assertThat(order.number("SELECT count(*) FROM orders WHERE id = ANY($1)", (Object) ids)).isEqualTo(count);
    assertThat(order.number("SELECT count(DISTINCT xmin::text) FROM orders WHERE id = ANY($1)", (Object) ids))
        .as("transactions that wrote the %d orders", count).isLessThan(count / 2);
    assertThat(order.number("SELECT count(*) FROM order_items WHERE order_id = ANY($1) AND quantity = 2", (Object) ids))
        .isEqualTo(count);
    assertThat(order.number("SELECT count(*) FROM order_status_history WHERE order_id = ANY($1) AND status = 'PENDING'",
        (Object) ids)).isEqualTo(count);
    assertThat(order.number("SELECT count(*) FROM event_outbox WHERE type = '" + OrderEvents.CREATED
        + "' AND (data->>'orderId')::uuid = ANY($1)", (Object) ids)).isEqualTo(count);
    assertThat(order.number("SELECT count(*) FROM idempotency_keys WHERE user_id = ANY($1) AND order_id IS NOT NULL",
        (Object) users.toArray(UUID[]::new))).isEqualTo(count);
  }

  /** Until a statement of the order service waits for a lock. */
  private static void awaitLockWaiter() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (order.number("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        + "AND wait_event_type = 'Lock'") == 0) {
      assertThat(System.currentTimeMillis()).as("an order waiting for the lock within 15 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void existsAnswersAFewOrdersAtOnceAndRefusesNone() {
    String placed = order.call(OrderSubjects.CREATE, items(UUID.randomUUID(), 1),
        ServiceUnderTest.customer(UUID.randomUUID())).bodyAsObject().getString("id");
    UUID never = UUID.randomUUID();

    JsonObject answer = order.call(OrderSubjects.EXISTS, new OrderExistsRequest(
        List.of(UUID.fromString(placed), never)).toJson(), RequestMeta.internal("sweeper")).bodyAsObject();

    assertThat(OrderExistsReply.fromJson(answer).existing()).containsExactly(UUID.fromString(placed));
    assertThat(order.refusal(OrderSubjects.EXISTS, new JsonObject(), RequestMeta.internal("sweeper")).status())
        .isEqualTo(400);
    assertThat(order.refusal(OrderSubjects.EXISTS, new OrderExistsRequest(List.of(never)).toJson(),
        ServiceUnderTest.customer(UUID.randomUUID())).status()).isEqualTo(403);
  }
}
