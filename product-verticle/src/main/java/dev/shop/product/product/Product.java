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
   * The product's columns of alias {@code p} and its category's of alias {@code c}, the latter
   * prefixed {@code cat_} (a {@code category_} prefix would collide with {@code p.category_id}).
   */
  static final String COLUMNS = "p.id, p.sku, p.name, p.slug, p.price_int, p.stock, p.description, p.image_urls, "
      + "p.category_id, p.attributes, p.model3d_url, p.created_at, p.updated_at, " + Category.columns("c", "cat_");

  /** {@code products p} with its category. */
  static final String FROM = "products p LEFT JOIN categories c ON c.id = p.category_id";

  static Product from(Row row) {
    String[] images = row.getArrayOfStrings("image_urls");
    Object attributes = row.getValue("attributes");
    return new Product(row.getUUID("id"), row.getString("sku"), row.getString("name"), row.getString("slug"),
        row.getLong("price_int"), row.getInteger("stock"), row.getString("description"),
        images == null ? List.of() : List.of(images), row.getUUID("category_id"),
        attributes instanceof JsonObject object ? object : null, row.getString("model3d_url"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"),
        Category.fromPrefixed(row, "cat_"));
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

  /** The contract's ProductResponse, {@code category} embedded. */
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
        .put("attributes", attributes == null ? null : attributes.copy())
        .put("model3dUrl", model3dUrl)
        .put("createdAt", Timestamps.format(createdAt))
        .put("updatedAt", Timestamps.format(updatedAt))
        .put("category", category == null ? null : category.toResponse());
  }
}
