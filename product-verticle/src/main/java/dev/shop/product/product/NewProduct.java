package dev.shop.product.product;

import dev.shop.product.slug.SlugChoice;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** A validated product to create. */
public record NewProduct(String sku, String name, SlugChoice slug, long priceInt, int stock, String description,
    List<String> imageUrls, UUID categoryId, JsonObject attributes, String model3dUrl) {
}
