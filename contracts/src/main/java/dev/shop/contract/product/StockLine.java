package dev.shop.contract.product;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;

/**
 * A line of {@code stock.reserve}: a product and the quantity to take. The id is passed as the
 * client gave it: one that is no UUID is 404 like an unknown product.
 */
public record StockLine(String productId, int quantity) {

  public JsonObject toJson() {
    return new JsonObject().put("productId", productId).put("quantity", quantity);
  }

  public static StockLine fromJson(JsonObject json) {
    return new StockLine(json.getString("productId"), JsonFields.requiredInt(json, "quantity"));
  }
}
