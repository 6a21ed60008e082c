package dev.shop.product.product;

import dev.shop.common.json.BodySchema;
import dev.shop.common.json.JsonInput;
import dev.shop.contract.RestContract;
import dev.shop.product.slug.SlugChoice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The fields of a product as a create or an update sends them, validated; an absent field is
 * null. A create requires {@code sku}, {@code name} and {@code priceInt}; an update may send any
 * subset, but cannot clear the fields every product has.
 */
record ProductFields(String sku, String name, String slug, Long priceInt, Integer stock, String description,
    List<String> imageUrls, UUID categoryId, JsonObject attributes, String model3dUrl) {

  /** The bodies {@link #read} reads: their schemas say which fields exist, the bounds of numbers and lists. */
  static final BodySchema NEW_PRODUCT = BodySchema.of(RestContract.document(), "NewProductRequest");
  static final BodySchema PRODUCT_UPDATE = BodySchema.of(RestContract.document(), "ProductUpdateRequest");
  private static final int SKU_MAX = 64;
  private static final int NAME_MAX = 200;
  private static final int DESCRIPTION_MAX = 10_000;
  private static final int URL_MAX = 2048;
  private static final Pattern SKU = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._/-]*$");

  /** Reads every field of {@code input}; 400 with a detail per problem. */
  static ProductFields read(JsonInput input, boolean create) {
    if (!create) {
      input.rejectNull("sku", "name", "slug", "priceInt", "stock");
    }
    String sku = sku(input, create ? input.requiredString("sku", 1, SKU_MAX) : input.optionalString("sku", 1, SKU_MAX));
    String name = create ? input.requiredString("name", 1, NAME_MAX) : input.optionalString("name", 1, NAME_MAX);
    String slug = SlugChoice.read(input);
    Long priceInt = create ? input.requiredLong("priceInt") : input.optionalLong("priceInt");
    Integer stock = input.optionalInt("stock");
    String description = input.optionalText("description", DESCRIPTION_MAX);
    List<String> imageUrls = imageUrls(input);
    UUID categoryId = input.optionalId("categoryId");
    JsonObject attributes = input.optionalObject("attributes");
    String model3dUrl = input.optionalHttpUrl("model3dUrl", URL_MAX);
    input.validate();
    return new ProductFields(sku, name, slug, priceInt, stock, description, imageUrls, categoryId, attributes,
        model3dUrl);
  }

  NewProduct toNewProduct() {
    return new NewProduct(sku, name, SlugChoice.of(slug, name, "product"), priceInt, stock == null ? 0 : stock,
        description, imageUrls == null ? List.of() : imageUrls, categoryId, attributes, model3dUrl);
  }

  /** The changes of an update; {@code input} tells which optional fields were sent (as null: cleared). */
  ProductChanges toChanges(JsonInput input) {
    return new ProductChanges(sku, name, slug, priceInt, stock,
        input.has("imageUrls") && imageUrls == null ? List.of() : imageUrls,
        input.has("description"), description, input.has("categoryId"), categoryId,
        input.has("attributes"), attributes, input.has("model3dUrl"), model3dUrl);
  }

  private static String sku(JsonInput input, String sku) {
    if (sku != null && !SKU.matcher(sku).matches()) {
      input.error("sku", "must be letters, digits and . _ / - (starting with a letter or digit)");
      return null;
    }
    return sku;
  }

  /** An array of http(s) URLs; each bad entry is reported as {@code imageUrls[i]}. */
  private static List<String> imageUrls(JsonInput input) {
    JsonArray array = input.optionalArray("imageUrls");
    if (array == null) {
      return null;
    }
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object value = array.getValue(i);
      if (value instanceof String url && url.length() <= URL_MAX && JsonInput.isHttpUrl(url.trim())) {
        urls.add(url.trim());
      } else {
        input.error("imageUrls[" + i + "]", "must be an http or https URL");
      }
    }
    return urls;
  }
}
