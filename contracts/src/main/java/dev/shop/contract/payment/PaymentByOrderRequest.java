package dev.shop.contract.payment;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** {@code payment.getByOrder}: {@code {orderId}}, asked as the order's owner or an administrator. */
public record PaymentByOrderRequest(UUID orderId) {

  public JsonObject toJson() {
    return new JsonObject().put("orderId", JsonFields.text(orderId));
  }
}
