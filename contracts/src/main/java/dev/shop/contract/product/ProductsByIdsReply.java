package dev.shop.contract.product;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The answer of {@code product.getByIds}: {@code {products:[ProductResponse...]}} in the order
 * asked, each once; unknown or malformed ids are absent. Read as {@link ProductSummary}s.
 */
public record ProductsByIdsReply(List<ProductSummary> products) {

  public ProductsByIdsReply {
    products = List.copyOf(products);
  }

  public JsonObject toJson() {
    return new JsonObject().put("products", JsonFields.array(products, ProductSummary::toJson));
  }

  public static ProductsByIdsReply fromJson(JsonObject json) {
    return new ProductsByIdsReply(JsonFields.objects(json, "products", ProductSummary::fromJson));
  }
}
