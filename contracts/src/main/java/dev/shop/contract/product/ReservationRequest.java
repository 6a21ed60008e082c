package dev.shop.contract.product;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * {@code stock.release}: {@code {orderId}}, the order whose reservation is meant; release never
 * fails for an unknown or released reservation.
 */
public record ReservationRequest(UUID orderId) {

  public JsonObject toJson() {
    return new JsonObject().put("orderId", JsonFields.text(orderId));
  }

  public static ReservationRequest fromJson(JsonObject json) {
    return new ReservationRequest(JsonFields.id(json, "orderId"));
  }
}
