package dev.shop.product.category;

import dev.shop.common.json.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A category of the catalogue tree. */
public record Category(UUID id, String name, String slug, String description, UUID parentId,
    OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static final String COLUMNS = "id, name, slug, description, parent_id, created_at, updated_at";

  /** {@link #COLUMNS} of table alias {@code alias}. */
  public static String columns(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }

  /** The category of a row whose first columns are {@link #COLUMNS}. */
  static Category from(Row row) {
    return from(row, 0);
  }

  /**
   * The category in {@link #COLUMNS}' order from position {@code first} (read by position, as
   * products are); null when a left join found none.
   */
  public static Category from(Row row, int first) {
    UUID id = row.getUUID(first);
    if (id == null) {
      return null;
    }
    return new Category(id, row.getString(first + 1), row.getString(first + 2), row.getString(first + 3),
        row.getUUID(first + 4), row.getOffsetDateTime(first + 5), row.getOffsetDateTime(first + 6));
  }

  /** The contract's CategoryResponse without {@code parent} and {@code children}. */
  public JsonObject toResponse() {
    return new JsonObject()
        .put("id", id.toString())
        .put("name", name)
        .put("slug", slug)
        .put("description", description)
        .put("parentId", parentId == null ? null : parentId.toString())
        .put("createdAt", Timestamps.format(createdAt))
        .put("updatedAt", Timestamps.format(updatedAt));
  }
}
