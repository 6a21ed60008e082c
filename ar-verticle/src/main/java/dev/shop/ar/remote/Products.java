package dev.shop.ar.remote;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.ShopException;
import dev.shop.contract.product.ProductByIdRequest;
import dev.shop.contract.product.ProductErrors;
import dev.shop.contract.product.ProductSubjects;
import io.vertx.core.Future;
import java.util.UUID;

/** The product service as the AR service asks it over the bus; it never reads that database. */
public final class Products {

  private final Bus bus;

  public Products(Bus bus) {
    this.bus = bus;
  }

  /**
   * Succeeds when the product exists; fails with 404 "Product not found" when it does not, and with
   * the product service's own failure (503, 504...) when it cannot say.
   */
  public Future<Void> requireExists(UUID id, String requestId) {
    return bus.request(ProductSubjects.PRODUCT_GET_BY_ID, new ProductByIdRequest(id).toJson(),
            RequestMeta.internal(requestId))
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(isNotFound(failure) ? notFound() : failure));
  }

  private static boolean isNotFound(Throwable failure) {
    return failure instanceof ShopException shop && shop.status() == ProductErrors.NOT_FOUND;
  }

  public static ShopException notFound() {
    return ShopException.notFound("Product not found");
  }
}
