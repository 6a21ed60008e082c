package dev.shop.payment.payment;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.bus.Caller;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.json.BodySchema;
import dev.shop.common.json.JsonInput;
import dev.shop.contract.RestContract;
import dev.shop.contract.order.OrderSummary;
import dev.shop.payment.remote.Orders;
import dev.shop.payment.sepay.SePay;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;

/**
 * Paying an order and reading payments. The amount always comes from the order service; a
 * payment is visible to the order's owner and to administrators, to anybody else it does not
 * exist (404).
 */
public final class PaymentHandlers {

  private static final String REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int REFERENCE_LENGTH = 12;
  private static final BodySchema PROCESS = BodySchema.of(RestContract.document(), "ProcessPaymentRequest");

  private final PaymentRepository payments;
  private final Orders orders;
  private final SePay sePay;
  private final SecureRandom random = new SecureRandom();

  public PaymentHandlers(PaymentRepository payments, Orders orders, SePay sePay) {
    this.payments = payments;
    this.orders = orders;
    this.sePay = sePay;
  }

  /**
   * {@code {orderId, method, amountInt?}}, by the order's owner: 201 with a new PENDING payment, or
   * 200 with the one already pending. Only a PENDING order can be paid (409); an {@code amountInt}
   * other than the order's total is 400.
   */
  public Future<BusReply> process(BusRequest request) {
    UUID userId = request.caller().requireUserId();
    JsonInput input = JsonInput.body(request.body(), PROCESS);
    input.present("orderId");
    input.present("method");
    PaymentMethod method = input.optionalEnum("method", PaymentMethod.class);
    Long amountInt = input.optionalLong("amountInt");
    input.validate();
    if (method == PaymentMethod.SePay && !sePay.configured()) {
      throw new ShopException(503, "SePay payments are not configured (SHOP_SEPAY_ACCOUNT)");
    }
    UUID orderId = Ids.parse(request.body().getValue("orderId"))
        .orElseThrow(() -> ShopException.notFound("Order not found"));
    return orders.visibleTo(RequestMeta.of(request.caller(), request.requestId()), orderId).compose(order -> {
      if (!order.userId().equals(userId)) {
        throw ShopException.notFound("Order not found");
      }
      if (amountInt != null && amountInt != order.totalInt()) {
        throw ShopException.invalidField("amountInt", "must equal the order's total, " + order.totalInt());
      }
      return payments.openOfOrder(orderId).compose(open -> open.isPresent()
          ? Future.succeededFuture(existing(open.get()))
          : create(order, method));
    });
  }

  private BusReply existing(Payment payment) {
    if (payment.status() != PaymentStatus.PENDING) {
      throw ShopException.conflict("The order is already paid");
    }
    return BusReply.ok(processed(payment, "A payment of this order is already pending"));
  }

  private Future<BusReply> create(OrderSummary order, PaymentMethod method) {
    if (!order.status().equals("PENDING")) {
      throw ShopException.conflict("Only a PENDING order can be paid; this one is " + order.status());
    }
    return payments.insertPending(Ids.newId(), order.id(), order.userId(), method, order.totalInt(), newReference())
        .compose(inserted -> inserted.isPresent()
            ? Future.succeededFuture(BusReply.created(processed(inserted.get(), instructions(inserted.get()))))
            // A concurrent process of the same order inserted first: answer its payment.
            : payments.openOfOrder(order.id()).map(open -> existing(open.orElseThrow())));
  }

  private JsonObject processed(Payment payment, String message) {
    boolean transfer = payment.method() == PaymentMethod.SePay;
    return new JsonObject()
        .put("paymentId", payment.id().toString())
        .put("status", payment.status().name())
        .put("paymentUrl", transfer ? sePay.paymentUrl(payment.amountInt(), payment.reference()) : null)
        .put("qrCode", transfer ? sePay.qrCode(payment.amountInt(), payment.reference()) : null)
        .put("message", message);
  }

  private static String instructions(Payment payment) {
    return payment.method() == PaymentMethod.COD
        ? "Pay " + payment.amountInt() + " in cash on delivery"
        : "Transfer " + payment.amountInt() + " with the reference " + payment.reference();
  }

  private String newReference() {
    StringBuilder reference = new StringBuilder("SHOP");
    for (int i = 0; i < REFERENCE_LENGTH; i++) {
      reference.append(REFERENCE_ALPHABET.charAt(random.nextInt(REFERENCE_ALPHABET.length())));
    }
    return reference.toString();
  }

  /** {@code {id}}: PaymentResponse; owner or admin. */
  public Future<BusReply> getById(BusRequest request) {
    request.caller().requireUser();
    UUID id = request.id("Payment");
    return payments.find(id).map(found -> visible(request.caller(), found));
  }

  /** {@code {orderId}}: the order's most recent PaymentResponse; owner or admin. */
  public Future<BusReply> getByOrder(BusRequest request) {
    request.caller().requireUser();
    Optional<UUID> orderId = Ids.parse(request.body().getValue("orderId"));
    if (orderId.isEmpty()) {
      throw notFound();
    }
    return payments.latestOfOrder(orderId.get()).map(found -> visible(request.caller(), found));
  }

  private static BusReply visible(Caller caller, Optional<Payment> payment) {
    return BusReply.ok(payment.filter(p -> caller.mayAccess(p.userId().toString())).orElseThrow(PaymentHandlers::notFound)
        .toResponse());
  }

  private static ShopException notFound() {
    return ShopException.notFound("Payment not found");
  }
}
