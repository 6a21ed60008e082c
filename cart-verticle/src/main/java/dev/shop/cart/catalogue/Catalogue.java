package dev.shop.cart.catalogue;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.RequestMeta;
import dev.shop.contract.product.ProductByIdRequest;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.product.ProductSummary;
import dev.shop.contract.product.ProductsByIdsReply;
import dev.shop.contract.product.ProductsByIdsRequest;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The product service as the cart asks it over the bus; the cart never reads its database. */
public final class Catalogue {

  private final Bus bus;

  public Catalogue(Bus bus) {
    this.bus = bus;
  }

  /** The product; fails with the product service's 404 when it does not exist. */
  public Future<ProductSummary> product(UUID id, String requestId) {
    return bus.request(ProductSubjects.PRODUCT_GET_BY_ID, new ProductByIdRequest(id).toJson(),
            RequestMeta.internal(requestId))
        .map(reply -> ProductSummary.fromJson(reply.bodyAsObject()));
  }

  /**
   * The products among {@code ids} (at most {@link ProductsByIdsRequest#MAX_IDS}) that exist, in
   * one request.
   */
  public Future<Map<UUID, ProductSummary>> products(Collection<UUID> ids, String requestId) {
    return bus.request(ProductSubjects.PRODUCT_GET_BY_IDS, new ProductsByIdsRequest(List.copyOf(ids)).toJson(),
            RequestMeta.internal(requestId))
        .map(reply -> {
          Map<UUID, ProductSummary> found = new LinkedHashMap<>();
          ProductsByIdsReply.fromJson(reply.bodyAsObject()).products()
              .forEach(product -> found.put(product.id(), product));
          return found;
        });
  }
}
