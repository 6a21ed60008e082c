package dev.shop.order.remote;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.RequestMeta;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The product service's stock reservations ({@code stock.*}), called as the order service itself. */
public final class StockReservations {

  private final Bus bus;

  public StockReservations(Bus bus) {
    this.bus = bus;
  }

  /**
   * Reserves every line for the order, all or none; answers the lines with today's prices and
   * product data. 404 for an unknown product, 409 naming the products short of stock.
   */
  public Future<JsonArray> reserve(UUID orderId, JsonArray lines, String requestId) {
    return call("stock.reserve", new JsonObject().put("orderId", orderId.toString()).put("items", lines), requestId)
        .map(reply -> reply.bodyAsObject().getJsonArray("items"));
  }

  /** The order exists: the reserved stock stays sold. 409 when the reservation was released meanwhile. */
  public Future<Void> confirm(UUID orderId, String requestId) {
    return call("stock.confirm", new JsonObject().put("orderId", orderId.toString()), requestId).mapEmpty();
  }

  /** Gives the order's reserved stock back; only the first release of an order returns it. */
  public Future<Void> release(UUID orderId, String requestId) {
    return call("stock.release", new JsonObject().put("orderId", orderId.toString()), requestId).mapEmpty();
  }

  private Future<BusReply> call(String subject, JsonObject body, String requestId) {
    return bus.request(subject, body, RequestMeta.internal(requestId));
  }
}
