package dev.shop.ar.remote;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.ShopException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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
    return bus.request("product.getById", new JsonObject().put("id", id.toString()), RequestMeta.internal(requestId))
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(isNotFound(failure) ? notFound() : failure));
  }

  private static boolean isNotFound(Throwable failure) {
    return failure instanceof ShopException shop && shop.status() == 404;
  }

  public static ShopException notFound() {
    return ShopException.notFound("Product not found");
  }
}
