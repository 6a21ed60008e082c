package dev.shop.payment.remote;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.RequestMeta;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The order service as the payment service asks it over the bus; it never reads its database. */
public final class Orders {

  private final Bus bus;

  public Orders(Bus bus) {
    this.bus = bus;
  }

  /** What a payment needs of an order. */
  public record OrderSummary(UUID id, UUID userId, String status, long totalInt) {
  }

  /**
   * The order as {@code caller} may see it: the order service answers 404 for an order that does
   * not exist or is another user's.
   */
  public Future<OrderSummary> visibleTo(RequestMeta caller, UUID orderId) {
    return bus.request("order.get", new JsonObject().put("id", orderId.toString()), caller)
        .map(reply -> {
          JsonObject order = reply.bodyAsObject();
          return new OrderSummary(UUID.fromString(order.getString("id")), UUID.fromString(order.getString("userId")),
              order.getString("status"), order.getLong("totalInt"));
        });
  }
}
