package dev.shop.contract.cart;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;

/** A product of a cart and its quantity, as other services read and name a cart's lines. */
public record CartLine(String productId, int quantity) {

  public JsonObject toJson() {
    return new JsonObject().put("productId", productId).put("quantity", quantity);
  }

  public static CartLine fromJson(JsonObject json) {
    return new CartLine(json.getString("productId"), JsonFields.requiredInt(json, "quantity"));
  }
}
