package dev.shop.order.checkout;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A product and a quantity to order, as a client or a cart names them. */
public record OrderLine(String productId, int quantity) {

  public JsonObject toJson() {
    return new JsonObject().put("productId", productId).put("quantity", quantity);
  }

  public static JsonArray toJson(List<OrderLine> lines) {
    JsonArray array = new JsonArray();
    lines.forEach(line -> array.add(line.toJson()));
    return array;
  }
}
