package dev.shop.payment;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.service.DomainVerticle;
import dev.shop.common.service.ServiceFactory;
import dev.shop.common.service.ServiceSettings;
import dev.shop.contract.order.OrderEvents;
import dev.shop.contract.payment.PaymentSubjects;
import dev.shop.payment.payment.PaymentHandlers;
import dev.shop.payment.payment.PaymentRepository;
import dev.shop.payment.remote.Orders;
import dev.shop.payment.sepay.SePay;
import dev.shop.payment.settlement.OrderSettlement;
import dev.shop.payment.webhook.WebhookHandler;
import dev.shop.payment.webhook.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/** The payment service: paying orders, the provider's webhook, refunds. Binds its subjects here. */
public final class PaymentVerticle extends DomainVerticle {

  public static final String SERVICE = ServiceNames.PAYMENT;

  /** Reads the service's settings once; each instance is made with them. */
  public static final ServiceFactory FACTORY = ServiceFactory.of(SERVICE, PaymentSettings::from, PaymentVerticle::new);

  private final PaymentSettings settings;

  public PaymentVerticle(Bus bus, ServiceSettings service, PaymentSettings settings) {
    super(SERVICE, "Payments of orders, the provider webhook, refunds", bus, service);
    this.settings = settings;
  }

  @Override
  protected Future<ServiceDefinition> define(Pool pool) {
    PaymentRepository payments = new PaymentRepository(pool, events().outbox(), clock());
    PaymentHandlers handlers = new PaymentHandlers(payments, new Orders(bus), new SePay(settings.sePay()));
    WebhookHandler webhook = new WebhookHandler(payments, new WebhookSignature(settings.webhookSecret()));
    OrderSettlement settlement = new OrderSettlement(payments);
    events()
        .on(OrderEvents.CANCELLED, settlement::onOrderCancelled)
        .on(OrderEvents.STATUS_CHANGED, settlement::onOrderStatusChanged);
    return Future.succeededFuture(service()
        .endpoint(PaymentSubjects.PROCESS, handlers::process)
        .endpoint(PaymentSubjects.VERIFY, webhook::verify)
        .endpoint(PaymentSubjects.GET_BY_ID, handlers::getById)
        .endpoint(PaymentSubjects.GET_BY_ORDER, handlers::getByOrder));
  }
}
