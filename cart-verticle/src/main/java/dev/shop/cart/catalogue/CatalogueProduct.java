package dev.shop.cart.catalogue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** What a cart shows of a product of the product service: today's price and stock. */
public record CatalogueProduct(UUID id, String sku, String name, String slug, long priceInt, int stock,
    List<String> imageUrls) {

  /** Reads the product service's ProductResponse. */
  static CatalogueProduct from(JsonObject product) {
    JsonArray images = product.getJsonArray("imageUrls", new JsonArray());
    return new CatalogueProduct(UUID.fromString(product.getString("id")), product.getString("sku"),
        product.getString("name"), product.getString("slug"), product.getLong("priceInt"),
        product.getInteger("stock"), images.stream().map(String::valueOf).toList());
  }

  /** The {@code product} of a CartResponse line. */
  public JsonObject toResponse() {
    return new JsonObject()
        .put("id", id.toString())
        .put("sku", sku)
        .put("name", name)
        .put("slug", slug)
        .put("priceInt", priceInt)
        .put("stock", stock)
        .put("imageUrls", new JsonArray(List.copyOf(imageUrls)));
  }
}
