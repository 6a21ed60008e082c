package dev.shop.product.product;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.shop.common.json.JsonWriter;
import dev.shop.common.json.Timestamps;
import dev.shop.product.category.Category;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A product of the catalogue, with its category (null when it has none). */
public record Product(UUID id, String sku, String name, String slug, long priceInt, int stock, String description,
    List<String> imageUrls, UUID categoryId, JsonObject attributes, String model3dUrl, OffsetDateTime createdAt,
    OffsetDateTime updatedAt, Category category) {

  /**
   * The product's columns of alias {@code p}, then its category's of alias {@code c}: the first
   * columns of every query that {@link #from} reads (by position: a page decodes 20 rows of 20
   * columns, and looking each up by name cost a tenth of its time).
   */
  static final String COLUMNS = "p.id, p.sku, p.name, p.slug, p.price_int, p.stock, p.description, p.image_urls, "
      + "p.category_id, p.attributes, p.model3d_url, p.created_at, p.updated_at, " + Category.columns("c");
  /** The position of the category's columns in {@link #COLUMNS}. */
  private static final int CATEGORY_COLUMNS = 13;

  /** {@code products p} with its category. */
  static final String FROM = "products p LEFT JOIN categories c ON c.id = p.category_id";

  /** The product of a row whose first columns are {@link #COLUMNS}. */
  static Product from(Row row) {
    String[] images = row.getArrayOfStrings(7);
    Object attributes = row.getValue(9);
    return new Product(row.getUUID(0), row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
        row.getInteger(5), row.getString(6), images == null ? List.of() : List.of(images), row.getUUID(8),
        attributes instanceof JsonObject object ? object : null, row.getString(10), row.getOffsetDateTime(11),
        row.getOffsetDateTime(12), Category.from(row, CATEGORY_COLUMNS));
  }

  /** The payload of {@code product.created} and {@code product.updated} (docs/events.md). */
  JsonObject toEvent() {
    return new JsonObject()
        .put("productId", id.toString())
        .put("sku", sku)
        .put("name", name)
        .put("slug", slug)
        .put("priceInt", priceInt)
        .put("categoryId", categoryId == null ? null : categoryId.toString())
        .put("updatedAt", Timestamps.format(updatedAt));
  }

  /** The contract's ProductResponse, {@code category} embedded, as JSON bytes. */
  public Buffer response() {
    return JsonWriter.write(this::writeTo);
  }

  /** Writes the contract's ProductResponse (written, not built: a page writes twenty). */
  void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", id.toString());
    json.writeStringField("sku", sku);
    json.writeStringField("name", name);
    json.writeStringField("slug", slug);
    json.writeNumberField("priceInt", priceInt);
    json.writeNumberField("stock", stock);
    json.writeStringField("description", description);
    json.writeArrayFieldStart("imageUrls");
    for (String url : imageUrls) {
      json.writeString(url);
    }
    json.writeEndArray();
    json.writeStringField("categoryId", categoryId == null ? null : categoryId.toString());
    json.writeFieldName("attributes");
    JsonWriter.value(json, attributes);
    json.writeStringField("model3dUrl", model3dUrl);
    json.writeStringField("createdAt", Timestamps.format(createdAt));
    json.writeStringField("updatedAt", Timestamps.format(updatedAt));
    json.writeFieldName("category");
    JsonWriter.value(json, category == null ? null : category.toResponse());
    json.writeEndObject();
  }

  /** Writes {@code products} as the elements of a JSON array, in their order. */
  static void writeAll(JsonGenerator json, List<Product> products) throws IOException {
    for (Product product : products) {
      product.writeTo(json);
    }
  }
}
