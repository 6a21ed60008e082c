package dev.shop.order.payment;

import dev.shop.common.event.DomainEvent;
import dev.shop.common.event.EventData;
import dev.shop.order.order.OrderRepository;
import dev.shop.order.order.OrderStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order's side of payments: a payment that succeeded makes its PENDING order PAID. An order
 * that is no longer PENDING stays as it is (a COD payment succeeds once its order is DELIVERED; a
 * payment for a cancelled order is refunded by the payment service when it sees the cancel).
 */
public final class PaidOrders {

  private static final Logger log = LoggerFactory.getLogger(PaidOrders.class);

  private final OrderRepository orders;

  public PaidOrders(OrderRepository orders) {
    this.orders = orders;
  }

  /** {@code payment.succeeded}, applied in the consumer's transaction. */
  public Future<Void> onPaymentSucceeded(SqlClient tx, DomainEvent event) {
    UUID orderId = EventData.of(event).id("orderId");
    return orders.transition(tx, orderId, OrderStatus.PAID, null).map(moved -> {
      // Cash collected on delivery is the expected case, not worth a line per order.
      boolean cashOnDelivery = "COD".equals(event.data().getString("method"));
      if (moved.isEmpty()) {
        (cashOnDelivery ? log.atDebug() : log.atInfo()).addKeyValue("orderId", orderId)
            .addKeyValue("paymentId", event.data().getString("paymentId"))
            .log("payment succeeded for an order that is not pending; order left as it is");
      }
      return null;
    });
  }
}
