package dev.shop.product.product;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * The validated fields of a product update. A null leaves a field as it is; the optional fields
 * ({@code description}, {@code categoryId}, {@code attributes}, {@code model3dUrl}) are cleared
 * when given as null.
 */
record ProductChanges(String sku, String name, String slug, Long priceInt, Integer stock, List<String> imageUrls,
    boolean descriptionGiven, String description, boolean categoryGiven, UUID categoryId,
    boolean attributesGiven, JsonObject attributes, boolean model3dUrlGiven, String model3dUrl) {
}
