package dev.shop.contract.cart;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What another service reads of the answer of {@code cart.get} (a CartResponse): its lines'
 * products and quantities. An empty cart, or one never created, has none.
 */
public record CartLines(List<CartLine> items) {

  public CartLines {
    items = List.copyOf(items);
  }

  /** A CartResponse with only its lines' {@code productId} and {@code quantity}. */
  public JsonObject toJson() {
    return new JsonObject().put("items", JsonFields.array(items, CartLine::toJson));
  }

  /** Reads a CartResponse; absent {@code items} are none. */
  public static CartLines fromJson(JsonObject json) {
    return new CartLines(JsonFields.objects(json, "items", CartLine::fromJson));
  }
}
