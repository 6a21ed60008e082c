package dev.shop.cart.catalogue;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.RequestMeta;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The product service as the cart asks it over the bus; the cart never reads its database. */
public final class Catalogue {

  /** The most ids one {@code product.getByIds} request may carry (docs/PROTOCOL.md). */
  public static final int MAX_BATCH_IDS = 200;

  private final Bus bus;

  public Catalogue(Bus bus) {
    this.bus = bus;
  }

  /** The product; fails with the product service's 404 when it does not exist. */
  public Future<CatalogueProduct> product(UUID id, String requestId) {
    return bus.request("product.getById", new JsonObject().put("id", id.toString()), RequestMeta.internal(requestId))
        .map(reply -> CatalogueProduct.from(reply.bodyAsObject()));
  }

  /** The products among {@code ids} (at most {@link #MAX_BATCH_IDS}) that exist, in one request. */
  public Future<Map<UUID, CatalogueProduct>> products(Collection<UUID> ids, String requestId) {
    JsonArray wanted = new JsonArray();
    ids.forEach(id -> wanted.add(id.toString()));
    return bus.request("product.getByIds", new JsonObject().put("ids", wanted), RequestMeta.internal(requestId))
        .map(reply -> {
          Map<UUID, CatalogueProduct> found = new LinkedHashMap<>();
          reply.bodyAsObject().getJsonArray("products").forEach(product -> {
            CatalogueProduct read = CatalogueProduct.from((JsonObject) product);
            found.put(read.id(), read);
          });
          return found;
        });
  }
}
