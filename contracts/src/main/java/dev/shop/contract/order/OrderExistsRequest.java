package dev.shop.contract.order;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** {@code order.exists}: {@code {orderId}}, asked with no caller (the product service's reservation sweeper). */
public record OrderExistsRequest(UUID orderId) {

  public JsonObject toJson() {
    return new JsonObject().put("orderId", JsonFields.text(orderId));
  }

  public static OrderExistsRequest fromJson(JsonObject json) {
    return new OrderExistsRequest(JsonFields.id(json, "orderId"));
  }
}
