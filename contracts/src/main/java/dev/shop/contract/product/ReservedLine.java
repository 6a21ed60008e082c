package dev.shop.contract.product;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** A reserved line: the quantity held and the product as it was when reserved (its price then). */
public record ReservedLine(UUID productId, int quantity, long priceInt, String sku, String name, String slug,
    List<String> imageUrls) {

  public ReservedLine {
    imageUrls = List.copyOf(imageUrls);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("productId", JsonFields.text(productId))
        .put("quantity", quantity)
        .put("priceInt", priceInt)
        .put("sku", sku)
        .put("name", name)
        .put("slug", slug)
        .put("imageUrls", JsonFields.array(imageUrls, url -> url));
  }

  /** Absent {@code imageUrls} are none. */
  public static ReservedLine fromJson(JsonObject json) {
    return new ReservedLine(JsonFields.id(json, "productId"), JsonFields.requiredInt(json, "quantity"),
        JsonFields.requiredLong(json, "priceInt"), json.getString("sku"), json.getString("name"),
        json.getString("slug"), JsonFields.strings(json, "imageUrls"));
  }
}
