package dev.shop.contract.product;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * What other services read of a ProductResponse ({@code product.getById}, {@code product.getByIds}):
 * today's price and stock, and what shows the product. The cart shows it as a line's {@code product}.
 */
public record ProductSummary(UUID id, String sku, String name, String slug, long priceInt, int stock,
    List<String> imageUrls) {

  public ProductSummary {
    imageUrls = List.copyOf(imageUrls);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", JsonFields.text(id))
        .put("sku", sku)
        .put("name", name)
        .put("slug", slug)
        .put("priceInt", priceInt)
        .put("stock", stock)
        .put("imageUrls", JsonFields.array(imageUrls, url -> url));
  }

  /** Reads a ProductResponse; its other fields are ignored, absent {@code imageUrls} are none. */
  public static ProductSummary fromJson(JsonObject json) {
    return new ProductSummary(JsonFields.id(json, "id"), json.getString("sku"), json.getString("name"),
        json.getString("slug"), JsonFields.requiredLong(json, "priceInt"), JsonFields.requiredInt(json, "stock"),
        JsonFields.strings(json, "imageUrls"));
  }
}
