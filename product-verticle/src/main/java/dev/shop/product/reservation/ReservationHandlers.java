package dev.shop.product.reservation;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.json.JsonInput;
import dev.shop.contract.product.StockReleaseReply;
import dev.shop.contract.product.StockReserveReply;
import dev.shop.contract.product.StockReserveRequest;
import dev.shop.product.reservation.ReservationRepository.Status;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@code stock.reserve} and {@code stock.release} subjects, for the order service only: a
 * request made for a user is 403. A reservation is confirmed by its order's existence, which the
 * {@link ReservationSweeper} asks about once it expires.
 */
public final class ReservationHandlers {

  private static final int MAX_QUANTITY = 1_000_000;

  /** Lines sorted as PostgreSQL sorts uuids (by their bytes, as their lower-case text sorts). */
  private static final Comparator<UUID> LOCK_ORDER = Comparator.comparing(UUID::toString);

  private final ReservationRepository reservations;
  private final int ttlSeconds;

  public ReservationHandlers(ReservationRepository reservations, int ttlSeconds) {
    this.reservations = reservations;
    this.ttlSeconds = ttlSeconds;
  }

  /**
   * {@code {orderId, items:[{productId, quantity}]}}: the same productId twice counts once with
   * both quantities. Answers {@code {orderId, items:[{productId, quantity, priceInt, sku, name, slug,
   * imageUrls}]}} with the prices of the moment of reservation.
   */
  public Future<BusReply> reserve(BusRequest request) {
    request.caller().requireInternal();
    JsonInput input = JsonInput.lenient(request.body());
    UUID orderId = requiredOrderId(input);
    JsonArray items = input.optionalArray("items");
    input.check(items == null || (!items.isEmpty() && items.size() <= StockReserveRequest.MAX_LINES), "items",
        "must have 1 to " + StockReserveRequest.MAX_LINES + " lines");
    input.check(input.has("items"), "items", "is required");
    input.validate();
    List<JsonObject> given = items.stream().map(item -> item instanceof JsonObject o ? o : new JsonObject()).toList();
    for (int i = 0; i < given.size(); i++) {
      JsonInput line = JsonInput.lenient(given.get(i));
      line.requiredInt("quantity", 1, MAX_QUANTITY);
      input.include("items[" + i + "].", line);
    }
    input.validate();
    SortedMap<UUID, Integer> lines = new TreeMap<>(LOCK_ORDER);
    for (JsonObject line : given) {
      UUID productId = Ids.parse(line.getValue("productId"))
          .orElseThrow(() -> ShopException.notFound("Product not found: " + line.getValue("productId")));
      lines.merge(productId, line.getInteger("quantity"), Integer::sum);
    }
    return reservations.reserve(orderId, lines, ttlSeconds)
        .map(reserved -> BusReply.ok(new StockReserveReply(orderId, reserved).toJson()));
  }

  /**
   * {@code {orderId}}: returns the reserved stock, pending or confirmed, exactly once. An unknown or
   * released reservation changes nothing. Answers {@code {orderId, released}}: whether this call
   * returned the stock.
   */
  public Future<BusReply> release(BusRequest request) {
    request.caller().requireInternal();
    UUID orderId = orderId(request);
    return reservations.release(orderId, List.of(Status.PENDING, Status.CONFIRMED))
        .map(released -> BusReply.ok(new StockReleaseReply(orderId, released).toJson()));
  }

  private static UUID orderId(BusRequest request) {
    JsonInput input = JsonInput.lenient(request.body());
    UUID orderId = requiredOrderId(input);
    input.validate();
    return orderId;
  }

  private static UUID requiredOrderId(JsonInput input) {
    input.check(input.has("orderId"), "orderId", "is required");
    return input.optionalId("orderId");
  }
}
