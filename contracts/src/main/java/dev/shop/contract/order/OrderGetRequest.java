package dev.shop.contract.order;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** {@code order.get}: {@code {id}}, asked as the order's owner or an administrator. */
public record OrderGetRequest(UUID id) {

  public JsonObject toJson() {
    return new JsonObject().put("id", JsonFields.text(id));
  }

  public static OrderGetRequest fromJson(JsonObject json) {
    return new OrderGetRequest(JsonFields.id(json, "id"));
  }
}
