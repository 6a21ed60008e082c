package dev.shop.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.error.ShopException;
import dev.shop.common.event.DomainEvent;
import dev.shop.common.id.Ids;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.PeerStub;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.order.OrderEvents;
import dev.shop.contract.order.OrderGetRequest;
import dev.shop.contract.order.OrderSubjects;
import dev.shop.contract.order.OrderSummary;
import dev.shop.contract.payment.PaymentEvents;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.product.ReservationRequest;
import dev.shop.order.HealthyStock;
import dev.shop.order.OrderVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An order after checkout, with the order service alone: who sees it, who may cancel it, which
 * moves are refused, the stock release a cancel asks for, payments arriving as events, and
 * racing changes of one order.
 */
class OrderLifecycleAloneTest {

  private static ServiceUnderTest order;
  private PeerStub release;

  @BeforeAll
  static void start() {
    order = ServiceUnderTest.startForRaces(OrderVerticle.SERVICE, OrderVerticle.FACTORY);
  }

  @AfterAll
  static void stop() {
    order.close();
  }

  @BeforeEach
  void healthyProductService() {
    order.stub(ProductSubjects.STOCK_RESERVE).repliesWith(HealthyStock.reservedAt(500));
    release = order.stub(ProductSubjects.STOCK_RELEASE).repliesWith(HealthyStock::released);
  }

  private static String placed(UUID user) {
    JsonObject items = new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("productId", UUID.randomUUID().toString()).put("quantity", 2)));
    return order.call(OrderSubjects.CREATE, items, ServiceUnderTest.customer(user)).bodyAsObject().getString("id");
  }

  private static JsonObject id(String orderId) {
    return new JsonObject().put("id", orderId);
  }

  private static JsonObject get(String orderId) {
    return new OrderGetRequest(UUID.fromString(orderId)).toJson();
  }

  private static JsonObject cancelBody(String orderId) {
    return id(orderId).put("changes", new JsonObject().put("reason", "changed my mind"));
  }

  private static String status(String orderId) {
    return (String) order.rows("SELECT status FROM orders WHERE id = $1::uuid", orderId).get(0).getValue(0);
  }

  private static DomainEvent paymentSucceeded(String orderId) {
    return new DomainEvent(Ids.newId(), PaymentEvents.SUCCEEDED, "payment", Instant.now(),
        new JsonObject().put("paymentId", UUID.randomUUID().toString()).put("orderId", orderId));
  }

  private static long eventsOf(String type, String orderId) {
    return order.outbox(type).stream().filter(event -> orderId.equals(event.data().getString("orderId"))).count();
  }

  @Test
  void anotherUsersOrderDoesNotExistForThem() {
    UUID owner = UUID.randomUUID();
    String orderId = placed(owner);
    UUID stranger = UUID.randomUUID();

    assertThat(order.refusal(OrderSubjects.GET, get(orderId), ServiceUnderTest.customer(stranger)).status()).isEqualTo(404);
    assertThat(order.refusal(OrderSubjects.CANCEL, cancelBody(orderId), ServiceUnderTest.customer(stranger)).status())
        .isEqualTo(404);
    assertThat(order.refusal(OrderSubjects.GET, get(orderId), ServiceUnderTest.anonymous()).status()).isEqualTo(401);
    assertThat(status(orderId)).isEqualTo("PENDING");
    assertThat(release.count()).isZero();

    assertThat(OrderSummary.fromJson(order.call(OrderSubjects.GET, get(orderId), ServiceUnderTest.customer(owner))
        .bodyAsObject()).userId()).isEqualTo(owner);
    assertThat(order.call(OrderSubjects.GET, get(orderId), ServiceUnderTest.admin(UUID.randomUUID())).status())
        .isEqualTo(200);
  }

  @Test
  void aCancelAsksForTheStockBackOnce() {
    UUID owner = UUID.randomUUID();
    String orderId = placed(owner);

    JsonObject cancelled = order.call(OrderSubjects.CANCEL, cancelBody(orderId), ServiceUnderTest.customer(owner))
        .bodyAsObject();

    assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
    assertThat(ReservationRequest.fromJson(release.onlyRequest()))
        .isEqualTo(new ReservationRequest(UUID.fromString(orderId)));
    assertThat(order.number("SELECT count(*) FROM orders WHERE id = $1::uuid AND stock_release_pending", orderId))
        .as("released: nothing left to retry").isZero();
    assertThat(order.outbox(OrderEvents.CANCELLED)).anySatisfy(event -> {
      assertThat(event.data().getString("orderId")).isEqualTo(orderId);
      assertThat(event.data().getString("reason")).isEqualTo("changed my mind");
    });

    ShopException again = order.refusal(OrderSubjects.CANCEL, cancelBody(orderId), ServiceUnderTest.customer(owner));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.getMessage()).isEqualTo("An order that is CANCELLED cannot become CANCELLED");
    assertThat(release.count()).as("no second release").isEqualTo(1);
  }

  @Test
  void aReleaseTheProductServiceCannotTakeStaysPending() {
    UUID owner = UUID.randomUUID();
    String orderId = placed(owner);
    release.fails(503, "Service unavailable: stock.release");

    JsonObject cancelled = order.call(OrderSubjects.CANCEL, cancelBody(orderId), ServiceUnderTest.customer(owner))
        .bodyAsObject();

    assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
    assertThat(order.number("SELECT count(*) FROM orders WHERE id = $1::uuid AND stock_release_pending", orderId))
        .as("left for the retry").isEqualTo(1);
  }

  @Test
  void illegalMovesAreRefused() {
    UUID owner = UUID.randomUUID();
    String orderId = placed(owner);
    JsonObject toShipped = id(orderId).put("changes", new JsonObject().put("status", "SHIPPED"));

    ShopException customer = order.refusal(OrderSubjects.UPDATE_STATUS, toShipped, ServiceUnderTest.customer(owner));
    assertThat(customer.status()).isEqualTo(403);
    ShopException skipped = order.refusal(OrderSubjects.UPDATE_STATUS, toShipped, ServiceUnderTest.admin(UUID.randomUUID()));
    assertThat(skipped.status()).isEqualTo(409);
    assertThat(skipped.getMessage()).isEqualTo("An order that is PENDING cannot become SHIPPED");
    assertThat(status(orderId)).isEqualTo("PENDING");

    order.deliver(paymentSucceeded(orderId));
    assertThat(status(orderId)).isEqualTo("PAID");
    order.call(OrderSubjects.UPDATE_STATUS, toShipped, ServiceUnderTest.admin(UUID.randomUUID()));
    ShopException lateCancel = order.refusal(OrderSubjects.CANCEL, cancelBody(orderId), ServiceUnderTest.customer(owner));
    assertThat(lateCancel.status()).isEqualTo(409);
    assertThat(lateCancel.getMessage()).isEqualTo("An order that is SHIPPED cannot become CANCELLED");
    ShopException back = order.refusal(OrderSubjects.UPDATE_STATUS, id(orderId).put("changes",
        new JsonObject().put("status", "PENDING")), ServiceUnderTest.admin(UUID.randomUUID()));
    assertThat(back.status()).isEqualTo(409);
    assertThat(release.count()).isZero();
  }

  @Test
  void aPaymentEventPaysThePendingOrderOnceAndLeavesOthersAlone() {
    UUID owner = UUID.randomUUID();
    String orderId = placed(owner);
    DomainEvent paid = paymentSucceeded(orderId);

    order.deliver(paid);
    order.deliver(paid);

    assertThat(status(orderId)).isEqualTo("PAID");
    assertThat(order.number("SELECT version FROM orders WHERE id = $1::uuid", orderId)).as("one change").isEqualTo(2);
    assertThat(eventsOf(OrderEvents.STATUS_CHANGED, orderId)).isEqualTo(1);

    String cancelled = placed(owner);
    order.call(OrderSubjects.CANCEL, cancelBody(cancelled), ServiceUnderTest.customer(owner));
    order.deliver(paymentSucceeded(cancelled));
    assertThat(status(cancelled)).as("a cancelled order stays cancelled").isEqualTo("CANCELLED");
  }

  /** Of racing cancels, one wins; the stock is asked back once. */
  @Test
  void racingCancelsOfOneOrderCancelItOnce() {
    UUID owner = UUID.randomUUID();
    String orderId = placed(owner);

    List<Future<BusReply>> cancels = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      cancels.add(order.request(OrderSubjects.CANCEL, cancelBody(orderId), ServiceUnderTest.customer(owner)));
    }
    Await.result(Future.join(cancels).otherwiseEmpty());

    assertThat(cancels.stream().filter(Future::succeeded)).hasSize(1);
    assertThat(cancels.stream().filter(Future::failed))
        .allSatisfy(refused -> assertThat(((ShopException) refused.cause()).status()).isEqualTo(409));
    assertThat(eventsOf(OrderEvents.CANCELLED, orderId)).isEqualTo(1);
    assertThat(release.count()).isEqualTo(1);
  }

  /**
   * A payment arriving while the customer cancels: whichever comes first, the order ends CANCELLED
   * (PAID may still be cancelled), each applied change has its event, and the stock is asked back once.
   */
  @Test
  void aCancelRacingAPaymentEndsCancelledWithEveryChangeRecorded() {
    for (int round = 0; round < 10; round++) {
      UUID owner = UUID.randomUUID();
      String orderId = placed(owner);
      int releasesBefore = release.count();

      Future<BusReply> cancel = order.request(OrderSubjects.CANCEL, cancelBody(orderId), ServiceUnderTest.customer(owner));
      Future<DomainEvent> pay = order.vertx().executeBlocking(() -> order.deliver(paymentSucceeded(orderId)));
      Await.result(Future.join(cancel, pay).otherwiseEmpty());

      assertThat(cancel.succeeded()).as(() -> String.valueOf(cancel.cause())).isTrue();
      assertThat(pay.succeeded()).isTrue();
      assertThat(status(orderId)).isEqualTo("CANCELLED");
      long changes = eventsOf(OrderEvents.STATUS_CHANGED, orderId) + eventsOf(OrderEvents.CANCELLED, orderId);
      assertThat(order.number("SELECT version FROM orders WHERE id = $1::uuid", orderId)).isEqualTo(1 + changes);
      assertThat(eventsOf(OrderEvents.CANCELLED, orderId)).isEqualTo(1);
      assertThat(release.count() - releasesBefore).isEqualTo(1);
    }
  }
}
