package dev.shop.cart;

import dev.shop.common.bus.BusReply;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.product.ProductByIdRequest;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.product.ProductSummary;
import dev.shop.contract.product.ProductsByIdsReply;
import dev.shop.contract.product.ProductsByIdsRequest;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The product service as the cart asks it ({@code product.getById}, {@code product.getByIds}),
 * played from a map of products a test fills: an id not in it is 404, as a deleted product is.
 */
final class StubCatalogue {

  private final Map<UUID, ProductSummary> products = new ConcurrentHashMap<>();

  StubCatalogue(ServiceUnderTest cart) {
    cart.stub(ProductSubjects.PRODUCT_GET_BY_ID).answers(request -> {
      ProductSummary product = products.get(ProductByIdRequest.fromJson(request.body()).id());
      return product == null ? Future.failedFuture(ShopException.notFound("Product not found"))
          : Future.succeededFuture(BusReply.ok(product.toJson()));
    });
    cart.stub(ProductSubjects.PRODUCT_GET_BY_IDS).repliesWith(body -> new ProductsByIdsReply(
        ProductsByIdsRequest.fromJson(body).ids().stream().map(products::get).filter(Objects::nonNull).toList())
        .toJson());
  }

  /** A new product of {@code stock} units at {@code priceInt}; answers its id. */
  String product(int stock, long priceInt) {
    UUID id = UUID.randomUUID();
    products.put(id, new ProductSummary(id, "SKU-" + id.toString().substring(0, 8), "Product", "product-" + id,
        priceInt, stock, List.of()));
    return id.toString();
  }

  void delete(String id) {
    products.remove(UUID.fromString(id));
  }
}
