package dev.shop.contract.order;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** What another service reads of the answer of {@code order.get} (an OrderResponse): whose, its status, its total. */
public record OrderSummary(UUID id, UUID userId, String status, long totalInt) {

  /** An OrderResponse with only these fields. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", JsonFields.text(id))
        .put("userId", JsonFields.text(userId))
        .put("status", status)
        .put("totalInt", totalInt);
  }

  /** Reads an OrderResponse; its other fields are ignored. */
  public static OrderSummary fromJson(JsonObject json) {
    return new OrderSummary(JsonFields.id(json, "id"), JsonFields.id(json, "userId"), json.getString("status"),
        JsonFields.requiredLong(json, "totalInt"));
  }
}
