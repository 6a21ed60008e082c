package dev.shop.product.category;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shop.common.json.JsonWriter;
import dev.shop.common.json.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A category of the catalogue tree. */
public record Category(UUID id, String name, String slug, String description, UUID parentId,
    OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  /** How many categories' texts {@link #json} keeps (least recently used out first). */
  private static final int WRITTEN_KEPT = 1_000;
  private static final Cache<Category, SerializedString> WRITTEN = Caffeine.newBuilder()
      .maximumSize(WRITTEN_KEPT).executor(Runnable::run).build();

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
    return new JsonObject(json().getValue());
  }

  /**
   * {@link #toResponse} as JSON text, written once per distinct category value: every product of a
   * page embeds its category, and a shop has few. Kept by the whole value, so a changed category is
   * another key and never finds the text of what it was.
   */
  public SerializableString json() {
    return WRITTEN.get(this, category -> new SerializedString(JsonWriter.write(category::writeTo).toString()));
  }

  private void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", id.toString());
    json.writeStringField("name", name);
    json.writeStringField("slug", slug);
    json.writeStringField("description", description);
    json.writeStringField("parentId", parentId == null ? null : parentId.toString());
    json.writeStringField("createdAt", Timestamps.format(createdAt));
    json.writeStringField("updatedAt", Timestamps.format(updatedAt));
    json.writeEndObject();
  }
}
