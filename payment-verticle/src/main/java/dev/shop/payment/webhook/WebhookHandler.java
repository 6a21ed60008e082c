package dev.shop.payment.webhook;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.json.BodySchema;
import dev.shop.common.json.JsonInput;
import dev.shop.contract.RestContract;
import dev.shop.payment.payment.Payment;
import dev.shop.payment.payment.PaymentRepository;
import dev.shop.payment.payment.PaymentStatus;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code payment.verify}: the provider's webhook. Accepted with a valid signature of the raw body
 * or from an administrator, else 401. A SUCCESS notice of exactly the payment's amount makes it
 * SUCCESS (and, through payment.succeeded, the order PAID); a FAILED notice or a wrong amount makes
 * it FAILED. A transaction already seen changes nothing and answers the payment as it is.
 */
public final class WebhookHandler {

  private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);
  private static final int TRANSACTION_ID_MAX = 255;
  private static final BodySchema SCHEMA = BodySchema.of(RestContract.document(), "PaymentWebhookRequest");

  private final PaymentRepository payments;
  private final WebhookSignature signature;

  public WebhookHandler(PaymentRepository payments, WebhookSignature signature) {
    this.payments = payments;
    this.signature = signature;
  }

  /** The notice as validated: the order, the provider's transaction, amount and outcome. */
  private record Notice(UUID orderId, String transactionId, long amountInt, Outcome outcome, JsonObject payload) {
  }

  /** {@code {rawBody (base64 of the HTTP body), signature (the X-Webhook-Signature header)}}. */
  public Future<BusReply> verify(BusRequest request) {
    byte[] raw = rawBody(request.body());
    Object header = request.body().getValue("signature");
    if (!request.caller().isAdmin() && !signature.valid(raw, header instanceof String text ? text : null)) {
      throw ShopException.unauthorized("Invalid webhook signature");
    }
    Notice notice = parse(raw);
    return payments.ofTransaction(notice.transactionId()).compose(seen -> {
      if (seen.isPresent()) {
        return Future.succeededFuture(alreadySeen(seen.get(), notice));
      }
      return settle(notice);
    });
  }

  private static byte[] rawBody(JsonObject body) {
    try {
      return Base64.getDecoder().decode(body.getString("rawBody", ""));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw ShopException.badRequest("The request body is not valid JSON");
    }
  }

  private static Notice parse(byte[] raw) {
    JsonObject body;
    try {
      Object value = Json.decodeValue(Buffer.buffer(raw));
      if (!(value instanceof JsonObject object)) {
        throw ShopException.badRequest("The request body must be a JSON object");
      }
      body = object;
    } catch (DecodeException e) {
      throw ShopException.badRequest("Malformed JSON body");
    }
    JsonInput input = JsonInput.body(body, SCHEMA);
    input.present("orderId");
    input.present("payload");
    JsonObject payload = input.optionalObject("payload");
    String transactionId = null;
    Long amount = null;
    Outcome outcome = null;
    if (payload != null) {
      // The provider's notice may carry more than these fields; it is kept whole on the payment.
      JsonInput notice = input.part("payload", payload);
      transactionId = notice.requiredString("transactionId", 1, TRANSACTION_ID_MAX);
      amount = notice.requiredLong("amountInt");
      notice.present("status");
      outcome = notice.optionalEnum("status", Outcome.class);
      input.include("payload.", notice);
    }
    input.validate();
    UUID orderId = Ids.parse(body.getValue("orderId")).orElseThrow(() -> ShopException.notFound("Order not found"));
    return new Notice(orderId, transactionId, amount, outcome, payload);
  }

  /** The outcomes a provider reports. */
  private enum Outcome {
    SUCCESS,
    FAILED
  }

  private Future<BusReply> settle(Notice notice) {
    return payments.<Optional<BusReply>>inTransaction(tx -> payments.lockPending(tx, notice.orderId())
            .compose(pending -> {
              if (pending.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
              }
              Payment payment = pending.get();
              return payments.recordTransaction(tx, notice.transactionId(), payment.id()).compose(recorded -> {
                if (!recorded) {
                  // The same transaction, delivered concurrently, was settled first.
                  return Future.succeededFuture(Optional.empty());
                }
                String reason = reason(payment, notice);
                PaymentStatus status = reason == null ? PaymentStatus.SUCCESS : PaymentStatus.FAILED;
                return payments.settle(tx, payment.id(), status, notice.transactionId(), notice.payload(), reason)
                    .map(settled -> Optional.of(answer(settled.orElseThrow(), notice, reason == null
                        ? "Payment confirmed" : reason)));
              });
            }))
        .compose(settled -> settled.isPresent() ? Future.succeededFuture(settled.get()) : notPending(notice));
  }

  /** Why the notice fails the payment, or null when it pays it. */
  private static String reason(Payment payment, Notice notice) {
    if (notice.outcome() == Outcome.FAILED) {
      return "The provider reported the payment as failed";
    }
    if (notice.amountInt() != payment.amountInt()) {
      return "Amount paid " + notice.amountInt() + " differs from the amount due " + payment.amountInt();
    }
    return null;
  }

  /** No pending payment: the transaction was just settled concurrently, or the order has nothing to pay. */
  private Future<BusReply> notPending(Notice notice) {
    return payments.ofTransaction(notice.transactionId()).compose(seen -> {
      if (seen.isPresent()) {
        return Future.succeededFuture(alreadySeen(seen.get(), notice));
      }
      return payments.latestOfOrder(notice.orderId()).map(latest -> {
        Payment payment = latest.orElseThrow(() -> ShopException.notFound("No payment of this order"));
        log.atWarn().addKeyValue("orderId", notice.orderId()).addKeyValue("paymentId", payment.id())
            .addKeyValue("status", payment.status()).log("provider notice for a payment that is not pending");
        throw ShopException.conflict("The order's payment is " + payment.status() + ", not PENDING");
      });
    });
  }

  private static BusReply alreadySeen(Payment payment, Notice notice) {
    if (!payment.orderId().equals(notice.orderId())) {
      throw ShopException.conflict("This transactionId settled another order's payment");
    }
    return answer(payment, notice, "Transaction already processed");
  }

  private static BusReply answer(Payment payment, Notice notice, String message) {
    return BusReply.ok(new JsonObject()
        .put("paymentId", payment.id().toString())
        .put("orderId", payment.orderId().toString())
        .put("status", payment.status().name())
        .put("verified", payment.status() == PaymentStatus.SUCCESS
            && notice.transactionId().equals(payment.transactionId()))
        .put("transactionId", notice.transactionId())
        .put("message", message));
  }
}
