package dev.shop.contract.product;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * {@code stock.reserve}: {@code {orderId, items:[{productId, quantity}]}}, 1 to {@link #MAX_LINES}
 * lines; all lines or none are reserved, keyed by the order (a repeat takes nothing more). Fails
 * with {@link ProductErrors#NOT_FOUND}, {@link ProductErrors#SHORT_OF_STOCK} or
 * {@link ProductErrors#RESERVATION_RELEASED}.
 */
public record StockReserveRequest(UUID orderId, List<StockLine> items) {

  /** The most lines one reservation may have. */
  public static final int MAX_LINES = 200;

  public StockReserveRequest {
    items = List.copyOf(items);
  }

  public JsonObject toJson() {
    return new JsonObject().put("orderId", JsonFields.text(orderId))
        .put("items", JsonFields.array(items, StockLine::toJson));
  }

  public static StockReserveRequest fromJson(JsonObject json) {
    return new StockReserveRequest(JsonFields.id(json, "orderId"),
        JsonFields.objects(json, "items", StockLine::fromJson));
  }
}
