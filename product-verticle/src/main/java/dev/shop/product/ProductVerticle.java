package dev.shop.product;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.service.DomainVerticle;
import dev.shop.common.service.ServiceFactory;
import dev.shop.contract.product.ProductSubjects;
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
import dev.shop.product.seed.DemoCatalogue;
import dev.shop.product.stock.StockHandlers;
import dev.shop.product.stock.StockRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * The product service: the category tree, products and their search, stock and its reservations.
 * Binds its subjects here, runs the sweeper of expired reservations and, with
 * {@code SHOP_DEMO_DATA}, adds the demo catalogue to an empty database. Seeding: {@code seed/}.
 */
public final class ProductVerticle extends DomainVerticle {

  public static final String SERVICE = ServiceNames.PRODUCT;

  /** Reads the service's settings once; each instance is made with them. */
  public static final ServiceFactory FACTORY = ServiceFactory.of(SERVICE, ProductSettings::from, ProductVerticle::new);

  private final ServiceSettings serviceSettings;
  private final ProductSettings settings;

  public ProductVerticle(Bus bus, ServiceSettings service, ProductSettings settings) {
    super(SERVICE, "Categories, products, search, stock and reservations", bus, service);
    this.serviceSettings = service;
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
    inBackground(new ReservationSweeper(vertx, bus, reservationRepository, reservationTtl)::start);
    inBackground(() -> ReleasedReservationPruning.of(pool, SERVICE, settings.reservations().releasedKept())
        .start(vertx));
    // Before the subjects are bound, so the first page a newcomer opens already has products.
    Future<Void> demo = settings.demoData()
        ? once(() -> DemoCatalogue.addIfEmpty(vertx, pool, serviceSettings.database().url()))
        : Future.succeededFuture();
    return demo.map(added -> service()
        .endpoint(ProductSubjects.CATEGORY_LIST, categories::list)
        .endpoint(ProductSubjects.CATEGORY_GET_BY_ID, categories::getById)
        .endpoint(ProductSubjects.CATEGORY_GET_BY_SLUG, categories::getBySlug)
        .endpoint(ProductSubjects.CATEGORY_CREATE, categories::create)
        .endpoint(ProductSubjects.CATEGORY_UPDATE, categories::update)
        .endpoint(ProductSubjects.CATEGORY_DELETE, categories::delete)
        .endpoint(ProductSubjects.PRODUCT_LIST, products::list)
        .endpoint(ProductSubjects.PRODUCT_GET_BY_ID, products::getById)
        .endpoint(ProductSubjects.PRODUCT_GET_BY_SLUG, products::getBySlug)
        .endpoint(ProductSubjects.PRODUCT_GET_BY_IDS, products::getByIds)
        .endpoint(ProductSubjects.PRODUCT_CREATE, products::create)
        .endpoint(ProductSubjects.PRODUCT_UPDATE, products::update)
        .endpoint(ProductSubjects.PRODUCT_DELETE, products::delete)
        .endpoint(ProductSubjects.PRODUCT_ADJUST_STOCK, stock::adjust)
        .endpoint(ProductSubjects.STOCK_RESERVE, reservations::reserve)
        .endpoint(ProductSubjects.STOCK_RELEASE, reservations::release));
  }
}
