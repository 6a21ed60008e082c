package dev.shop.order.remote;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.RequestMeta;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.product.ReservationRequest;
import dev.shop.contract.product.ReservedLine;
import dev.shop.contract.product.StockLine;
import dev.shop.contract.product.StockReserveReply;
import dev.shop.contract.product.StockReserveRequest;
import dev.shop.order.checkout.OrderLine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
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
  public Future<List<ReservedLine>> reserve(UUID orderId, List<OrderLine> lines, String requestId) {
    StockReserveRequest reservation = new StockReserveRequest(orderId, lines.stream()
        .map(line -> new StockLine(line.productId(), line.quantity()))
        .toList());
    return call(ProductSubjects.STOCK_RESERVE, reservation.toJson(), requestId)
        .map(reply -> StockReserveReply.fromJson(reply.bodyAsObject()).items());
  }

  /** Gives the order's reserved stock back; only the first release of an order returns it. */
  public Future<Void> release(UUID orderId, String requestId) {
    return call(ProductSubjects.STOCK_RELEASE, new ReservationRequest(orderId).toJson(), requestId).mapEmpty();
  }

  private Future<BusReply> call(String subject, JsonObject body, String requestId) {
    return bus.request(subject, body, RequestMeta.internal(requestId));
  }
}
