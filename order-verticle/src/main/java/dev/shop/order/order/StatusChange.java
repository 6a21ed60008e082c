package dev.shop.order.order;

import dev.shop.common.json.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The outcome of a status transition: {@code {id, status, updatedAt}}. */
public record StatusChange(UUID id, OrderStatus status, OffsetDateTime updatedAt) {

  public JsonObject toResponse() {
    return new JsonObject()
        .put("id", id.toString())
        .put("status", status.name())
        .put("updatedAt", Timestamps.format(updatedAt));
  }
}
