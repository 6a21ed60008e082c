package dev.shop.cart.cart;

import dev.shop.common.json.Timestamps;
import dev.shop.contract.product.ProductSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A cart; {@code id} and the timestamps are null for one never created (nothing added yet). */
record Cart(UUID id, UUID userId, String sessionId, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static final String COLUMNS = "id, user_id, session_id, created_at, updated_at";

  static Cart from(Row row) {
    return new Cart(row.getUUID("id"), row.getUUID("user_id"), row.getString("session_id"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  /** The cart of an owner who has none yet. */
  static Cart empty(CartOwner owner) {
    return new Cart(null, owner.userId(), owner.sessionId(), null, null);
  }

  /**
   * The contract's CartResponse with {@code items} whose products are all in {@code products}.
   * The subtotal counts each line at its own price, the one of when it was added.
   */
  JsonObject toResponse(List<CartItem> items, Map<UUID, ProductSummary> products) {
    JsonArray lines = new JsonArray();
    long totalItems = 0;
    long subtotal = 0;
    for (CartItem item : items) {
      lines.add(item.toResponse(products.get(item.productId())));
      totalItems += item.quantity();
      subtotal += item.priceInt() * item.quantity();
    }
    return new JsonObject()
        .put("id", id == null ? null : id.toString())
        .put("userId", userId == null ? null : userId.toString())
        .put("sessionId", sessionId)
        .put("items", lines)
        .put("totalItems", totalItems)
        .put("subtotalInt", subtotal)
        .put("createdAt", Timestamps.format(createdAt))
        .put("updatedAt", Timestamps.format(updatedAt));
  }
}
