package dev.shop.contract.product;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** The answer of {@code stock.reserve}: {@code {orderId, items:[ReservedLine...]}}, one line per product. */
public record StockReserveReply(UUID orderId, List<ReservedLine> items) {

  public StockReserveReply {
    items = List.copyOf(items);
  }

  public JsonObject toJson() {
    return new JsonObject().put("orderId", JsonFields.text(orderId))
        .put("items", JsonFields.array(items, ReservedLine::toJson));
  }

  public static StockReserveReply fromJson(JsonObject json) {
    return new StockReserveReply(JsonFields.id(json, "orderId"),
        JsonFields.objects(json, "items", ReservedLine::fromJson));
  }
}
