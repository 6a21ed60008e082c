package dev.shop.order.order;

import dev.shop.common.json.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An order with its lines. */
public record Order(UUID id, UUID userId, UUID addressId, OrderStatus status, long totalInt,
    OffsetDateTime createdAt, OffsetDateTime updatedAt, int version, List<OrderItem> items) {

  static final String COLUMNS = "id, user_id, address_id, status, total_int, created_at, updated_at, version";

  static Order from(Row row, List<OrderItem> items) {
    return new Order(row.getUUID("id"), row.getUUID("user_id"), row.getUUID("address_id"),
        OrderStatus.valueOf(row.getString("status")), row.getLong("total_int"), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"), row.getInteger("version"), items);
  }

  /** A new PENDING order of {@code items} (each of this order), totalled from their prices. */
  public static Order pending(UUID id, UUID userId, UUID addressId, List<OrderItem> items) {
    long total = items.stream().mapToLong(OrderItem::lineTotal).sum();
    return new Order(id, userId, addressId, OrderStatus.PENDING, total, null, null, 1, items);
  }

  /**
   * The payload of every order event (docs/events.md): the whole order as it is now, so a
   * consumer needs no other event to know it, and its {@code version} to keep the newest.
   */
  JsonObject toEvent(String reason) {
    JsonArray lines = new JsonArray();
    items.forEach(item -> lines.add(item.toEvent()));
    return new JsonObject()
        .put("orderId", id.toString())
        .put("userId", userId.toString())
        .put("status", status.name())
        .put("totalInt", totalInt)
        .put("version", version)
        .put("reason", reason)
        .put("createdAt", Timestamps.format(createdAt))
        .put("updatedAt", Timestamps.format(updatedAt))
        .put("items", lines);
  }

  /** The contract's OrderResponse. */
  public JsonObject toResponse() {
    JsonArray lines = new JsonArray();
    items.forEach(item -> lines.add(item.toResponse()));
    return new JsonObject()
        .put("id", id.toString())
        .put("userId", userId.toString())
        .put("addressId", addressId == null ? null : addressId.toString())
        .put("status", status.name())
        .put("totalInt", totalInt)
        .put("items", lines)
        .put("createdAt", Timestamps.format(createdAt))
        .put("updatedAt", Timestamps.format(updatedAt));
  }
}
