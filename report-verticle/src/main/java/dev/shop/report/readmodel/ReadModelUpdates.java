package dev.shop.report.readmodel;

import dev.shop.common.event.DomainEvent;
import dev.shop.common.event.EventData;
import dev.shop.common.event.ServiceEvents;
import dev.shop.contract.order.OrderEvents;
import dev.shop.contract.product.ProductEvents;
import dev.shop.contract.user.UserEvents;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * The events that feed the read model, each applied in the consumer's transaction. Deliveries are
 * at least once and in no particular order: every handler is idempotent and order-independent.
 * {@code product.deleted} is not consumed: reports are history, a deleted product keeps its name.
 */
public final class ReadModelUpdates {

  private final ReadModelRepository readModel = new ReadModelRepository();

  /** Binds the handlers to the service's event consumers. */
  public void consume(ServiceEvents events) {
    events.on(OrderEvents.CREATED, this::onOrderChanged)
        .on(OrderEvents.STATUS_CHANGED, this::onOrderChanged)
        .on(OrderEvents.CANCELLED, this::onOrderChanged)
        .on(OrderEvents.DISCARDED, this::onOrderDiscarded)
        .on(ProductEvents.CREATED, this::onProductChanged)
        .on(ProductEvents.UPDATED, this::onProductChanged)
        .on(UserEvents.REGISTERED, this::onUserRegistered);
  }

  /** {@code order.created}, {@code order.statusChanged}, {@code order.cancelled}: the whole order. */
  public Future<Void> onOrderChanged(SqlClient tx, DomainEvent event) {
    return readModel.saveOrder(tx, OrderSnapshot.from(event));
  }

  /** {@code order.discarded {orderId, userId, version}}. */
  public Future<Void> onOrderDiscarded(SqlClient tx, DomainEvent event) {
    EventData data = EventData.of(event);
    return readModel.discardOrder(tx, data.id("orderId"), data.id("userId"), Math.toIntExact(data.number("version")));
  }

  /** {@code product.created}, {@code product.updated}. */
  public Future<Void> onProductChanged(SqlClient tx, DomainEvent event) {
    EventData data = EventData.of(event);
    return readModel.saveProduct(tx, data.id("productId"), data.text("sku"), data.text("name"), data.time("updatedAt"));
  }

  /** {@code user.registered}; the email is not kept. */
  public Future<Void> onUserRegistered(SqlClient tx, DomainEvent event) {
    EventData data = EventData.of(event);
    return readModel.saveUser(tx, data.id("userId"), data.time("registeredAt"));
  }
}
