package dev.shop.cart.cart;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The outcome of merging a session cart into a user's: the user's cart and how many lines came over. */
record CartTransfer(UUID cartId, int itemsTransferred) {

  JsonObject toResponse() {
    return new JsonObject()
        .put("success", true)
        .put("cartId", cartId.toString())
        .put("itemsTransferred", itemsTransferred);
  }
}
