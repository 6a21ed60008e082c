package dev.shop.contract.cart;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code cart.removeOrdered}: {@code {items:[{productId, quantity}]}}, at most {@link #MAX_LINES},
 * asked with the user as caller (401 without): each quantity is taken from the caller's line of
 * that product; products not in the cart are ignored.
 */
public record RemoveOrderedRequest(List<CartLine> items) {

  /** The most lines one request may name. */
  public static final int MAX_LINES = 1000;

  public RemoveOrderedRequest {
    items = List.copyOf(items);
  }

  public JsonObject toJson() {
    return new JsonObject().put("items", JsonFields.array(items, CartLine::toJson));
  }

  public static RemoveOrderedRequest fromJson(JsonObject json) {
    return new RemoveOrderedRequest(JsonFields.objects(json, "items", CartLine::fromJson));
  }
}
