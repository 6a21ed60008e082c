package dev.shop.order;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.service.DomainVerticle;
import dev.shop.common.service.ServiceFactory;
import dev.shop.common.service.ServiceSettings;
import dev.shop.contract.order.OrderSubjects;
import dev.shop.contract.payment.PaymentEvents;
import dev.shop.order.admin.AdminOrderHandlers;
import dev.shop.order.checkout.CheckoutHandler;
import dev.shop.order.checkout.IdempotencyKeys;
import dev.shop.order.order.CancelledStock;
import dev.shop.order.order.OrderHandlers;
import dev.shop.order.order.OrderRepository;
import dev.shop.order.payment.PaidOrders;
import dev.shop.order.remote.Addresses;
import dev.shop.order.remote.Carts;
import dev.shop.order.remote.Customers;
import dev.shop.order.remote.OptionalAnswers;
import dev.shop.order.remote.Payments;
import dev.shop.order.remote.StockReservations;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;

/** The order service: checkout, the order lifecycle and the administrators' views of orders. Binds its subjects here. */
public final class OrderVerticle extends DomainVerticle {

  public static final String SERVICE = ServiceNames.ORDER;

  /** Reads the service's settings once; each instance is made with them. */
  public static final ServiceFactory FACTORY = ServiceFactory.of(SERVICE, OrderSettings::from, OrderVerticle::new);

  private final OrderSettings settings;

  public OrderVerticle(Bus bus, ServiceSettings service, OrderSettings settings) {
    super(SERVICE, "Checkout and the order lifecycle", bus, service);
    this.settings = settings;
  }

  @Override
  protected Future<ServiceDefinition> define(Pool pool) {
    OrderRepository orders = new OrderRepository(pool, events().outbox(), clock());
    events().on(PaymentEvents.SUCCEEDED, new PaidOrders(orders)::onPaymentSucceeded);
    StockReservations stock = new StockReservations(bus);
    Duration keysKept = settings.idempotencyKeysKept();
    inBackground(() -> IdempotencyKeys.pruning(pool, SERVICE, keysKept).start(vertx));
    OptionalAnswers peers = new OptionalAnswers(bus);
    Addresses addresses = new Addresses(bus, peers);
    CheckoutHandler checkout = new CheckoutHandler(pool, keysKept, orders, stock, new Carts(bus), addresses);
    CancelledStock cancelledStock = new CancelledStock(vertx, orders, stock, settings.stockReleaseRetry());
    inBackground(cancelledStock::start);
    OrderHandlers lifecycle = new OrderHandlers(orders, cancelledStock);
    AdminOrderHandlers admin = new AdminOrderHandlers(orders, new Customers(peers), addresses, new Payments(peers));
    return Future.succeededFuture(service()
        .endpoint(OrderSubjects.CREATE, checkout::create)
        .endpoint(OrderSubjects.GET, lifecycle::get)
        .endpoint(OrderSubjects.LIST_BY_USER, lifecycle::listByUser)
        .endpoint(OrderSubjects.UPDATE_STATUS, lifecycle::updateStatus)
        .endpoint(OrderSubjects.CANCEL, lifecycle::cancel)
        .endpoint(OrderSubjects.EXISTS, lifecycle::exists)
        .endpoint(OrderSubjects.ADMIN_LIST, admin::list)
        .endpoint(OrderSubjects.ADMIN_DETAIL, admin::detail));
  }
}
