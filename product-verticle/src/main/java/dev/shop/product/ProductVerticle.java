package dev.shop.product;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.service.DomainVerticle;
import dev.shop.common.service.ServiceSettings;
import dev.shop.product.category.CategoryHandlers;
import dev.shop.product.category.CategoryRepository;
import dev.shop.product.product.AnsweredPages;
import dev.shop.product.product.ProductHandlers;
import dev.shop.product.product.ProductRepository;
import dev.shop.product.reservation.ReservationHandlers;
import dev.shop.product.reservation.ReservationRepository;
import dev.shop.product.reservation.ReleasedReservationPruning;
import dev.shop.product.reservation.ReservationSweeper;
import dev.shop.product.stock.StockHandlers;
import dev.shop.product.stock.StockRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * The product service: the category tree, products and their search, stock and its reservations.
 * Binds its subjects here and runs the sweeper of expired reservations.
 */
public final class ProductVerticle extends DomainVerticle {

  public static final String SERVICE = ServiceNames.PRODUCT;

  private final ProductSettings settings;

  public ProductVerticle(Bus bus, ServiceSettings service, ProductSettings settings) {
    super(SERVICE, "Categories, products, search, stock and reservations", bus, service);
    this.settings = settings;
  }

  @Override
  protected Future<ServiceDefinition> define(Pool pool) {
    CategoryHandlers categories = new CategoryHandlers(new CategoryRepository(pool));
    ProductHandlers products = new ProductHandlers(new ProductRepository(pool, events().outbox()),
        AnsweredPages.of(vertx, settings.pagesKeptMb()));
    StockHandlers stock = new StockHandlers(new StockRepository(pool));
    int reservationTtl = settings.reservations().ttlSeconds();
    ReservationRepository reservationRepository = new ReservationRepository(pool);
    ReservationHandlers reservations = new ReservationHandlers(reservationRepository, reservationTtl);
    new ReservationSweeper(vertx, bus, reservationRepository, reservationTtl).start();
    ReleasedReservationPruning.of(pool, SERVICE, settings.reservations().releasedKept()).start(vertx);
    return Future.succeededFuture(service()
        .endpoint("category.list", categories::list)
        .endpoint("category.getById", categories::getById)
        .endpoint("category.getBySlug", categories::getBySlug)
        .endpoint("category.create", categories::create)
        .endpoint("category.update", categories::update)
        .endpoint("category.delete", categories::delete)
        .endpoint("product.list", products::list)
        .endpoint("product.getById", products::getById)
        .endpoint("product.getBySlug", products::getBySlug)
        .endpoint("product.getByIds", products::getByIds)
        .endpoint("product.create", products::create)
        .endpoint("product.update", products::update)
        .endpoint("product.delete", products::delete)
        .endpoint("product.adjustStock", stock::adjust)
        .endpoint("stock.reserve", reservations::reserve)
        .endpoint("stock.confirm", reservations::confirm)
        .endpoint("stock.release", reservations::release));
  }
}
