package dev.shop.payment.remote;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.RequestMeta;
import dev.shop.contract.order.OrderGetRequest;
import dev.shop.contract.order.OrderSubjects;
import dev.shop.contract.order.OrderSummary;
import io.vertx.core.Future;
import java.util.UUID;

/** The order service as the payment service asks it over the bus; it never reads its database. */
public final class Orders {

  private final Bus bus;

  public Orders(Bus bus) {
    this.bus = bus;
  }

  /**
   * The order as {@code caller} may see it: the order service answers 404 for an order that does
   * not exist or is another user's.
   */
  public Future<OrderSummary> visibleTo(RequestMeta caller, UUID orderId) {
    return bus.request(OrderSubjects.GET, new OrderGetRequest(orderId).toJson(), caller)
        .map(reply -> OrderSummary.fromJson(reply.bodyAsObject()));
  }
}
