package dev.shop.cart;

import dev.shop.common.bus.BusReply;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.product.ProductSubjects;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The product service as the cart asks it ({@code product.getById}, {@code product.getByIds}),
 * played from a map of products a test fills: an id not in it is 404, as a deleted product is.
 */
final class StubCatalogue {

  private final Map<String, JsonObject> products = new ConcurrentHashMap<>();

  StubCatalogue(ServiceUnderTest cart) {
    cart.stub(ProductSubjects.PRODUCT_GET_BY_ID).answers(request -> {
      JsonObject product = products.get(request.body().getString("id"));
      return product == null ? Future.failedFuture(ShopException.notFound("Product not found"))
          : Future.succeededFuture(BusReply.ok(product));
    });
    cart.stub(ProductSubjects.PRODUCT_GET_BY_IDS).repliesWith(body -> {
      JsonArray found = new JsonArray();
      body.getJsonArray("ids").forEach(id -> {
        JsonObject product = products.get((String) id);
        if (product != null) {
          found.add(product);
        }
      });
      return new JsonObject().put("products", found);
    });
  }

  /** A new product of {@code stock} units at {@code priceInt}; answers its id. */
  String product(int stock, long priceInt) {
    String id = UUID.randomUUID().toString();
    products.put(id, new JsonObject().put("id", id).put("sku", "SKU-" + id.substring(0, 8)).put("name", "Product")
        .put("slug", "product-" + id).put("priceInt", priceInt).put("stock", stock).put("imageUrls", new JsonArray()));
    return id;
  }

  void delete(String id) {
    products.remove(id);
  }
}
