package dev.shop.product.stock;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The outcome of one stock adjustment; {@code quantityChanged} is the signed delta. */
record StockChange(UUID productId, int previousStock, int newStock, int quantityChanged) {

  JsonObject toResponse() {
    return new JsonObject()
        .put("productId", productId.toString())
        .put("previousStock", previousStock)
        .put("newStock", newStock)
        .put("quantityChanged", quantityChanged);
  }
}
