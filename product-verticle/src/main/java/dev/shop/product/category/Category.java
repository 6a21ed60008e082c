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

  /** The columns of table alias {@code alias}, named with {@code prefix} for {@link #fromPrefixed}. */
  public static String columns(String alias, String prefix) {
    return String.join(", ",
        alias + ".id AS " + prefix + "id", alias + ".name AS " + prefix + "name",
        alias + ".slug AS " + prefix + "slug", alias + ".description AS " + prefix + "description",
        alias + ".parent_id AS " + prefix + "parent_id", alias + ".created_at AS " + prefix + "created_at",
        alias + ".updated_at AS " + prefix + "updated_at");
  }

  static Category from(Row row) {
    return fromPrefixed(row, "");
  }

  /** The category in columns named by {@link #columns}; null when a left join found none. */
  public static Category fromPrefixed(Row row, String prefix) {
    UUID id = row.getUUID(prefix + "id");
    if (id == null) {
      return null;
    }
    return new Category(id, row.getString(prefix + "name"), row.getString(prefix + "slug"),
        row.getString(prefix + "description"), row.getUUID(prefix + "parent_id"),
        row.getOffsetDateTime(prefix + "created_at"), row.getOffsetDateTime(prefix + "updated_at"));
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
