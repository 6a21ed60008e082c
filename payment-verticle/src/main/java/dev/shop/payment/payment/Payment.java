package dev.shop.payment.payment;

import dev.shop.common.json.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A payment of an order. */
public record Payment(UUID id, UUID orderId, UUID userId, PaymentMethod method, long amountInt, PaymentStatus status,
    String reference, String transactionId, JsonObject payload, String statusReason, OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  static final String COLUMNS = "id, order_id, user_id, method, amount_int, status, reference, transaction_id, "
      + "payload, status_reason, created_at, updated_at";

  static Payment from(Row row) {
    Object payload = row.getValue("payload");
    return new Payment(row.getUUID("id"), row.getUUID("order_id"), row.getUUID("user_id"),
        PaymentMethod.valueOf(row.getString("method")), row.getLong("amount_int"),
        PaymentStatus.valueOf(row.getString("status")), row.getString("reference"), row.getString("transaction_id"),
        payload instanceof JsonObject object ? object : null, row.getString("status_reason"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  /** The contract's PaymentResponse. */
  public JsonObject toResponse() {
    return new JsonObject()
        .put("id", id.toString())
        .put("orderId", orderId.toString())
        .put("method", method.name())
        .put("amountInt", amountInt)
        .put("status", status.name())
        .put("payload", payload == null ? null : payload.copy())
        .put("createdAt", Timestamps.format(createdAt))
        .put("updatedAt", Timestamps.format(updatedAt));
  }

  /** The payload of the payment events (docs/events.md). */
  public JsonObject toEvent() {
    return new JsonObject()
        .put("paymentId", id.toString())
        .put("orderId", orderId.toString())
        .put("userId", userId.toString())
        .put("method", method.name())
        .put("amountInt", amountInt)
        .put("status", status.name())
        .put("transactionId", transactionId)
        .put("reason", statusReason)
        .put("at", Timestamps.format(updatedAt));
  }
}
