package dev.shop.cart;

import dev.shop.cart.cart.CartHandlers;
import dev.shop.cart.cart.CartRepository;
import dev.shop.cart.cart.SessionCartPruning;
import dev.shop.cart.catalogue.Catalogue;
import dev.shop.common.bus.ServiceNames;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.service.DomainVerticle;
import dev.shop.common.service.ServiceFactory;
import dev.shop.common.service.ServiceSettings;
import dev.shop.contract.cart.CartSubjects;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/** The cart service: session and user carts, showing products of the product service. Binds its subjects here. */
public final class CartVerticle extends DomainVerticle {

  public static final String SERVICE = ServiceNames.CART;

  /** Reads the service's settings once; each instance is made with them. */
  public static final ServiceFactory FACTORY = ServiceFactory.of(SERVICE, CartSettings::from, CartVerticle::new);

  private final CartSettings settings;

  public CartVerticle(Bus bus, ServiceSettings service, CartSettings settings) {
    super(SERVICE, "Session and user carts", bus, service);
    this.settings = settings;
  }

  @Override
  protected Future<ServiceDefinition> define(Pool pool) {
    CartHandlers carts = new CartHandlers(new CartRepository(pool), new Catalogue(bus));
    inBackground(() -> SessionCartPruning.of(pool, SERVICE, settings.sessionCartKept()).start(vertx));
    return Future.succeededFuture(service()
        .endpoint(CartSubjects.GET, carts::get)
        .endpoint(CartSubjects.ADD_ITEM, carts::addItem)
        .endpoint(CartSubjects.UPDATE_ITEM, carts::updateItem)
        .endpoint(CartSubjects.REMOVE_ITEM, carts::removeItem)
        .endpoint(CartSubjects.CLEAR, carts::clear)
        .endpoint(CartSubjects.TRANSFER_TO_USER, carts::transferToUser)
        .endpoint(CartSubjects.REMOVE_ORDERED, carts::removeOrdered));
  }
}
