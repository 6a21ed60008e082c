package dev.shop.cart.cart;

import dev.shop.common.json.Timestamps;
import dev.shop.contract.product.ProductSummary;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A line of a cart: a product, how many, and its price when the line was added. */
record CartItem(UUID id, UUID cartId, UUID productId, int quantity, long priceInt, OffsetDateTime createdAt) {

  static final String COLUMNS = "id, cart_id, product_id, quantity, price_int, created_at";

  static CartItem from(Row row) {
    return new CartItem(row.getUUID("id"), row.getUUID("cart_id"), row.getUUID("product_id"),
        row.getInteger("quantity"), row.getLong("price_int"), row.getOffsetDateTime("created_at"));
  }

  /** A CartResponse line, showing the product as it is today. */
  JsonObject toResponse(ProductSummary product) {
    return new JsonObject()
        .put("id", id.toString())
        .put("cartId", cartId.toString())
        .put("productId", productId.toString())
        .put("quantity", quantity)
        .put("priceInt", priceInt)
        .put("createdAt", Timestamps.format(createdAt))
        .put("product", product.toJson());
  }
}
