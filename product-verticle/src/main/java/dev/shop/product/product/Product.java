package dev.shop.product.product;

import dev.shop.common.json.Timestamps;
import dev.shop.product.category.Category;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
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

  /**
   * The contract's ProductResponse, {@code category} embedded. It shares {@code attributes} (a
   * product is read for one answer and not kept, so nothing else holds them).
   */
  public JsonObject toResponse() {
    return new JsonObject()
        .put("id", id.toString())
        .put("sku", sku)
        .put("name", name)
        .put("slug", slug)
        .put("priceInt", priceInt)
        .put("stock", stock)
        .put("description", description)
        .put("imageUrls", new JsonArray(List.copyOf(imageUrls)))
        .put("categoryId", categoryId == null ? null : categoryId.toString())
        .put("attributes", attributes)
        .put("model3dUrl", model3dUrl)
        .put("createdAt", Timestamps.format(createdAt))
        .put("updatedAt", Timestamps.format(updatedAt))
        .put("category", category == null ? null : category.toResponse());
  }
}
