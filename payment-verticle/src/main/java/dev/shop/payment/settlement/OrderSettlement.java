package dev.shop.payment.settlement;

import dev.shop.common.event.DomainEvent;
import dev.shop.common.event.EventData;
import dev.shop.payment.payment.PaymentRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;

/**
 * What the order's life means for its payment, from the order events: a cancelled order's paid
 * payment is refunded and its pending one can no longer be paid; a delivered order's cash on
 * delivery is collected. Each runs in the consumer's transaction, once per event.
 */
public final class OrderSettlement {

  private final PaymentRepository payments;

  public OrderSettlement(PaymentRepository payments) {
    this.payments = payments;
  }

  /** {@code order.cancelled}. */
  public Future<Void> onOrderCancelled(SqlClient tx, DomainEvent event) {
    String reason = event.data().getString("reason");
    return payments.cancelOrder(tx, orderId(event), reason == null ? "Order cancelled" : "Order cancelled: " + reason)
        .mapEmpty();
  }

  /** {@code order.statusChanged}: only DELIVERED concerns payments. */
  public Future<Void> onOrderStatusChanged(SqlClient tx, DomainEvent event) {
    if (!"DELIVERED".equals(event.data().getString("status"))) {
      return Future.succeededFuture();
    }
    return payments.collectCashOnDelivery(tx, orderId(event)).mapEmpty();
  }

  private static UUID orderId(DomainEvent event) {
    return EventData.of(event).id("orderId");
  }
}
