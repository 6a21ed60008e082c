package dev.shop.ar.snapshot;

import dev.shop.common.json.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A picture a user took of a product in AR; {@code metadata} is the client's, or null. */
public record Snapshot(UUID id, UUID userId, UUID productId, String imageUrl, JsonObject metadata,
    OffsetDateTime createdAt) {

  static final String COLUMNS = "id, user_id, product_id, image_url, metadata, created_at";

  static Snapshot from(Row row) {
    return new Snapshot(row.getUUID("id"), row.getUUID("user_id"), row.getUUID("product_id"),
        row.getString("image_url"), (JsonObject) row.getValue("metadata"), row.getOffsetDateTime("created_at"));
  }

  /** The answer to its creation: {@code {id, imageUrl, createdAt}}. */
  public JsonObject toCreatedResponse() {
    return new JsonObject()
        .put("id", id.toString())
        .put("imageUrl", imageUrl)
        .put("createdAt", Timestamps.format(createdAt));
  }

  /** A snapshot as lists show it. */
  public JsonObject toResponse() {
    return new JsonObject()
        .put("id", id.toString())
        .put("userId", userId.toString())
        .put("productId", productId.toString())
        .put("imageUrl", imageUrl)
        .put("metadata", metadata)
        .put("createdAt", Timestamps.format(createdAt));
  }
}
