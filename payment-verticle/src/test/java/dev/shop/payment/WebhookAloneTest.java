package dev.shop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.error.ShopException;
import dev.shop.common.event.DomainEvent;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.PeerStub;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.common.testing.TestSettings;
import dev.shop.contract.order.OrderEvents;
import dev.shop.contract.order.OrderGetRequest;
import dev.shop.contract.order.OrderSubjects;
import dev.shop.contract.order.OrderSummary;
import dev.shop.contract.payment.PaymentEvents;
import dev.shop.contract.payment.PaymentSubjects;
import dev.shop.payment.webhook.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's webhook ({@code payment.verify}) with the payment service alone: the order service
 * ({@code order.get}) is a stub, payments are made through {@code payment.process} as a customer
 * makes them, and notices are signed as the provider signs them.
 */
class WebhookAloneTest {

  private static final long TOTAL = 250_000;

  private static ServiceUnderTest payment;
  private static final WebhookSignature PROVIDER = new WebhookSignature(TestSettings.WEBHOOK_SECRET);
  private PeerStub orderGet;

  @BeforeAll
  static void start() {
    payment = ServiceUnderTest.startForRaces(PaymentVerticle.SERVICE, PaymentVerticle.FACTORY);
  }

  @AfterAll
  static void stop() {
    payment.close();
  }

  /** The order service answers every order as a PENDING one of {@link #TOTAL}, owned by its caller. */
  @BeforeEach
  void pendingOrders() {
    orderGet = payment.stub(OrderSubjects.GET).answers(request -> Future.succeededFuture(BusReply.ok(new OrderSummary(
        OrderGetRequest.fromJson(request.body()).id(), UUID.fromString(request.caller().userId()), "PENDING", TOTAL)
        .toJson())));
  }

  /** A new order of a new customer with a PENDING SePay payment; answers the order's id. */
  private static String orderWithPendingPayment() {
    String orderId = UUID.randomUUID().toString();
    BusReply made = payment.call(PaymentSubjects.PROCESS, new JsonObject().put("orderId", orderId).put("method", "SePay"),
        ServiceUnderTest.customer(UUID.randomUUID()));
    assertThat(made.status()).isEqualTo(201);
    return orderId;
  }

  private static JsonObject notice(String orderId, String transactionId, long amount, String status) {
    return new JsonObject().put("orderId", orderId).put("payload", new JsonObject()
        .put("transactionId", transactionId).put("amountInt", amount).put("status", status));
  }

  /** {@code payment.verify}'s body as the gateway sends it, signed by the provider. */
  private static JsonObject signed(JsonObject notice) {
    byte[] raw = notice.encode().getBytes(StandardCharsets.UTF_8);
    return new JsonObject().put("rawBody", Base64.getEncoder().encodeToString(raw))
        .put("signature", "sha256=" + HexFormat.of().formatHex(PROVIDER.sign(raw)));
  }

  private static Future<BusReply> verify(JsonObject notice) {
    return payment.request(PaymentSubjects.VERIFY, signed(notice), ServiceUnderTest.anonymous());
  }

  private static String statusOf(String orderId) {
    return (String) payment.rows("SELECT status FROM payments WHERE order_id = $1::uuid", orderId).get(0).getValue(0);
  }

  private static List<DomainEvent> eventsOf(String type, String orderId) {
    return payment.outbox(type).stream().filter(event -> orderId.equals(event.data().getString("orderId"))).toList();
  }

  @Test
  void aSignedNoticeOfTheAmountPaysOnceAndAReplayChangesNothing() {
    String orderId = orderWithPendingPayment();
    JsonObject paid = notice(orderId, "tx-" + UUID.randomUUID(), TOTAL, "SUCCESS");

    JsonObject first = Await.result(verify(paid)).bodyAsObject();
    JsonObject replay = Await.result(verify(paid)).bodyAsObject();

    assertThat(first.getString("status")).isEqualTo("SUCCESS");
    assertThat(first.getBoolean("verified")).isTrue();
    assertThat(first.getString("message")).isEqualTo("Payment confirmed");
    assertThat(replay.getString("status")).isEqualTo("SUCCESS");
    assertThat(replay.getString("message")).isEqualTo("Transaction already processed");
    assertThat(statusOf(orderId)).isEqualTo("SUCCESS");
    assertThat(eventsOf(PaymentEvents.SUCCEEDED, orderId)).singleElement()
        .satisfies(event -> assertThat(event.data().getLong("amountInt")).isEqualTo(TOTAL));
    assertThat(payment.number("SELECT count(*) FROM payment_transactions WHERE transaction_id = $1",
        paid.getJsonObject("payload").getString("transactionId"))).isEqualTo(1);
  }

  @Test
  void aBadSignatureIsRefusedAndChangesNothing() {
    String orderId = orderWithPendingPayment();
    JsonObject forged = signed(notice(orderId, "tx-" + UUID.randomUUID(), TOTAL, "SUCCESS"))
        .put("signature", "sha256=" + "00".repeat(32));

    ShopException refused = payment.refusal(PaymentSubjects.VERIFY, forged, ServiceUnderTest.anonymous());
    ShopException unsigned = payment.refusal(PaymentSubjects.VERIFY, forged.copy().putNull("signature"),
        ServiceUnderTest.anonymous());

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.getMessage()).isEqualTo("Invalid webhook signature");
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(statusOf(orderId)).isEqualTo("PENDING");
    assertThat(eventsOf(PaymentEvents.SUCCEEDED, orderId)).isEmpty();
  }

  @Test
  void anAmountThatIsNotTheTotalFailsThePayment() {
    String orderId = orderWithPendingPayment();

    JsonObject answer = Await.result(verify(notice(orderId, "tx-" + UUID.randomUUID(), TOTAL - 1, "SUCCESS")))
        .bodyAsObject();

    assertThat(answer.getString("status")).isEqualTo("FAILED");
    assertThat(answer.getBoolean("verified")).isFalse();
    assertThat(answer.getString("message")).isEqualTo("Amount paid " + (TOTAL - 1) + " differs from the amount due "
        + TOTAL);
    assertThat(statusOf(orderId)).isEqualTo("FAILED");
    assertThat(eventsOf(PaymentEvents.FAILED, orderId)).hasSize(1);
    assertThat(eventsOf(PaymentEvents.SUCCEEDED, orderId)).isEmpty();
  }

  @Test
  void aNoticeForAnOrderWithoutPaymentIs404() {
    ShopException unknown = payment.refusal(PaymentSubjects.VERIFY, signed(notice(UUID.randomUUID().toString(),
        "tx-" + UUID.randomUUID(), TOTAL, "SUCCESS")), ServiceUnderTest.anonymous());

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.getMessage()).isEqualTo("No payment of this order");
  }

  @Test
  void aTransactionOfAnotherOrderIs409() {
    String paidOrder = orderWithPendingPayment();
    String otherOrder = orderWithPendingPayment();
    String transaction = "tx-" + UUID.randomUUID();
    Await.result(verify(notice(paidOrder, transaction, TOTAL, "SUCCESS")));

    ShopException reused = payment.refusal(PaymentSubjects.VERIFY, signed(notice(otherOrder, transaction, TOTAL, "SUCCESS")),
        ServiceUnderTest.anonymous());

    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.getMessage()).isEqualTo("This transactionId settled another order's payment");
    assertThat(statusOf(otherOrder)).isEqualTo("PENDING");
  }

  @Test
  void anOrderTheOrderServiceDoesNotShowCannotBePaid() {
    orderGet.fails(404, "Order not found");
    ShopException unknown = payment.refusal(PaymentSubjects.PROCESS, new JsonObject()
        .put("orderId", UUID.randomUUID().toString()).put("method", "COD"), ServiceUnderTest.customer(UUID.randomUUID()));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(orderGet.count()).isEqualTo(1);
  }

  /** The same notice, and different notices, for one payment at once: it is settled exactly once. */
  @Test
  void racingNoticesForOnePaymentSettleItOnce() {
    String orderId = orderWithPendingPayment();
    JsonObject paid = notice(orderId, "tx-" + UUID.randomUUID(), TOTAL, "SUCCESS");
    List<Future<BusReply>> notices = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      notices.add(verify(paid));
      notices.add(verify(notice(orderId, "tx-" + UUID.randomUUID(), TOTAL, i % 2 == 0 ? "SUCCESS" : "FAILED")));
    }
    Await.result(Future.join(notices).otherwiseEmpty());

    assertThat(notices.stream().filter(Future::succeeded).map(answer -> answer.result().bodyAsObject()))
        .as("the replays of the settling transaction").hasSizeGreaterThanOrEqualTo(1)
        .allSatisfy(answer -> assertThat(answer.getString("status")).isIn("SUCCESS", "FAILED"));
    assertThat(notices.stream().filter(Future::failed))
        .allSatisfy(refused -> assertThat(((ShopException) refused.cause()).status()).isEqualTo(409));
    long settled = eventsOf(PaymentEvents.SUCCEEDED, orderId).size() + eventsOf(PaymentEvents.FAILED, orderId).size();
    assertThat(settled).as("one status change, one event").isEqualTo(1);
    assertThat(payment.number("SELECT count(*) FROM payment_transactions t JOIN payments p ON p.id = t.payment_id "
        + "WHERE p.order_id = $1::uuid", orderId)).as("one transaction recorded").isEqualTo(1);
  }

  /** An order cancelled while its payment arrives: the payment ends refunded or failed, never paid. */
  @Test
  void aCancelRacingTheNoticeNeverLeavesAPaidPaymentOfACancelledOrder() {
    for (int round = 0; round < 10; round++) {
      String orderId = orderWithPendingPayment();
      Future<BusReply> notice = verify(notice(orderId, "tx-" + UUID.randomUUID(), TOTAL, "SUCCESS"));
      Future<DomainEvent> cancelled = payment.vertx().executeBlocking(() -> payment.deliver(OrderEvents.CANCELLED, "order",
          new JsonObject().put("orderId", orderId).put("status", "CANCELLED").put("reason", "changed my mind")));
      Await.result(Future.join(notice, cancelled).otherwiseEmpty());

      assertThat(cancelled.succeeded()).isTrue();
      assertThat(statusOf(orderId)).isIn("REFUNDED", "FAILED");
      if (notice.failed()) {
        assertThat(((ShopException) notice.cause()).status()).as("the payment was no longer pending").isEqualTo(409);
      }
    }
  }
}
