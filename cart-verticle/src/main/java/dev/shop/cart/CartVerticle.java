package dev.shop.cart;

import dev.shop.cart.cart.CartHandlers;
import dev.shop.cart.cart.CartRepository;
import dev.shop.cart.cart.SessionCartPruning;
import dev.shop.cart.catalogue.Catalogue;
import dev.shop.common.bus.ServiceNames;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.service.DomainVerticle;
import dev.shop.common.service.ServiceSettings;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/** The cart service: session and user carts, showing products of the product service. Binds its subjects here. */
public final class CartVerticle extends DomainVerticle {

  public static final String SERVICE = ServiceNames.CART;

  private final CartSettings settings;

  public CartVerticle(Bus bus, ServiceSettings service, CartSettings settings) {
    super(SERVICE, "Session and user carts", bus, service);
    this.settings = settings;
  }

  @Override
  protected Future<ServiceDefinition> define(Pool pool) {
    CartHandlers carts = new CartHandlers(new CartRepository(pool), new Catalogue(bus));
    SessionCartPruning.of(pool, SERVICE, settings.sessionCartKept()).start(vertx);
    return Future.succeededFuture(service()
        .endpoint("cart.get", carts::get)
        .endpoint("cart.addItem", carts::addItem)
        .endpoint("cart.updateItem", carts::updateItem)
        .endpoint("cart.removeItem", carts::removeItem)
        .endpoint("cart.clear", carts::clear)
        .endpoint("cart.transferToUser", carts::transferToUser)
        .endpoint("cart.removeOrdered", carts::removeOrdered));
  }
}
