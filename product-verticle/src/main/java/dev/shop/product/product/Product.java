package dev.shop.product.product;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
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

/**
 * A product of the catalogue, with its category (null when it has none). {@code attributesJson}
 * is the stored JSON object as PostgreSQL writes it (null when there are none): it is only ever
 * answered, so it is neither parsed nor written again.
 */
public record Product(UUID id, String sku, String name, String slug, long priceInt, int stock, String description,
    List<String> imageUrls, UUID categoryId, String attributesJson, String model3dUrl, OffsetDateTime createdAt,
    OffsetDateTime updatedAt, Category category) {

  /**
   * The product's columns of alias {@code p}, then its category's of alias {@code c}: the first
   * columns of every query that {@link #from} reads (by position: a page decodes 20 rows of 20
   * columns, and looking each up by name cost a tenth of its time).
   */
  static final String COLUMNS = "p.id, p.sku, p.name, p.slug, p.price_int, p.stock, p.description, p.image_urls, "
      + "p.category_id, p.attributes_json, p.model3d_url, p.created_at, p.updated_at, " + Category.columns("c");
  /** The response's field names, written from their bytes (a name given as a String is escaped at every write). */
  private static final SerializedString ID = new SerializedString("id"), SKU = new SerializedString("sku"),
      NAME = new SerializedString("name"), SLUG = new SerializedString("slug"),
      PRICE = new SerializedString("priceInt"), STOCK = new SerializedString("stock"),
      DESCRIPTION = new SerializedString("description"), IMAGE_URLS = new SerializedString("imageUrls"),
      CATEGORY_ID = new SerializedString("categoryId"), ATTRIBUTES = new SerializedString("attributes"),
      MODEL_3D_URL = new SerializedString("model3dUrl"), CREATED_AT = new SerializedString("createdAt"),
      UPDATED_AT = new SerializedString("updatedAt"), CATEGORY = new SerializedString("category");
  private static final SerializedString NULL = new SerializedString("null");
  /** The position of the category's columns in {@link #COLUMNS}. */
  private static final int CATEGORY_COLUMNS = 13;

  /** {@code products p} with its category. */
  static final String FROM = "products p LEFT JOIN categories c ON c.id = p.category_id";

  /** The product of a row whose first columns are {@link #COLUMNS}. */
  static Product from(Row row) {
    String[] images = row.getArrayOfStrings(7);
    return new Product(row.getUUID(0), row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
        row.getInteger(5), row.getString(6), images == null ? List.of() : List.of(images), row.getUUID(8),
        row.getString(9), row.getString(10), row.getOffsetDateTime(11),
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

  /**
   * Writes the contract's ProductResponse (written, not built: a page writes twenty). Names, ids and
   * timestamps are copied as bytes; the category as its answer written once per distinct value.
   */
  void writeTo(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeFieldName(ID);
    JsonWriter.uuid(json, id);
    json.writeFieldName(SKU);
    json.writeString(sku);
    json.writeFieldName(NAME);
    json.writeString(name);
    json.writeFieldName(SLUG);
    json.writeString(slug);
    json.writeFieldName(PRICE);
    json.writeNumber(priceInt);
    json.writeFieldName(STOCK);
    json.writeNumber(stock);
    json.writeFieldName(DESCRIPTION);
    json.writeString(description);
    json.writeFieldName(IMAGE_URLS);
    json.writeStartArray();
    for (String url : imageUrls) {
      json.writeString(url);
    }
    json.writeEndArray();
    json.writeFieldName(CATEGORY_ID);
    JsonWriter.uuid(json, categoryId);
    json.writeFieldName(ATTRIBUTES);
    // An object (V5 checks it), valid JSON as PostgreSQL wrote it at the row's last write.
    json.writeRawValue(attributesJson == null ? NULL.getValue() : attributesJson);
    json.writeFieldName(MODEL_3D_URL);
    json.writeString(model3dUrl);
    json.writeFieldName(CREATED_AT);
    JsonWriter.timestamp(json, createdAt);
    json.writeFieldName(UPDATED_AT);
    JsonWriter.timestamp(json, updatedAt);
    json.writeFieldName(CATEGORY);
    json.writeRawValue(category == null ? NULL : category.json());
    json.writeEndObject();
  }

  /** Writes {@code products} as the elements of a JSON array, in their order. */
  static void writeAll(JsonGenerator json, List<Product> products) throws IOException {
    for (Product product : products) {
      product.writeTo(json);
    }
  }
}
