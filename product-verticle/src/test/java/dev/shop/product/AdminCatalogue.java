package dev.shop.product;

import dev.shop.common.bus.RequestMeta;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.product.ProductSubjects;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Products and categories made as an administrator makes them, through the product service's subjects. */
public final class AdminCatalogue {

  private static final UUID ADMIN = UUID.randomUUID();

  private final ServiceUnderTest product;

  public AdminCatalogue(ServiceUnderTest product) {
    this.product = product;
  }

  public static RequestMeta admin() {
    return ServiceUnderTest.admin(ADMIN);
  }

  /** A new product with {@code stock} units at {@code priceInt}, in {@code category} (null: none); its id. */
  public UUID product(int stock, long priceInt, UUID category) {
    String sku = "SKU-" + UUID.randomUUID();
    JsonObject body = new JsonObject().put("sku", sku).put("name", "Product " + sku).put("priceInt", priceInt)
        .put("stock", stock);
    if (category != null) {
      body.put("categoryId", category.toString());
    }
    return UUID.fromString(product.call(ProductSubjects.PRODUCT_CREATE, body, admin()).bodyAsObject().getString("id"));
  }

  /** A new category under {@code parent} (null: top level); its id. */
  public UUID category(UUID parent) {
    JsonObject body = new JsonObject().put("name", "Category " + UUID.randomUUID());
    if (parent != null) {
      body.put("parentId", parent.toString());
    }
    return UUID.fromString(product.call(ProductSubjects.CATEGORY_CREATE, body, admin()).bodyAsObject().getString("id"));
  }

  /** The product's stock as its database holds it. */
  public long stock(UUID productId) {
    return product.number("SELECT stock FROM products WHERE id = $1", productId);
  }
}
