package dev.shop.contract.product;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The answer of {@code stock.confirm}: {@code {orderId, status:"CONFIRMED"}}; repeating it is harmless. */
public record StockConfirmReply(UUID orderId, String status) {

  public static final String CONFIRMED = "CONFIRMED";

  public static StockConfirmReply confirmed(UUID orderId) {
    return new StockConfirmReply(orderId, CONFIRMED);
  }

  public JsonObject toJson() {
    return new JsonObject().put("orderId", JsonFields.text(orderId)).put("status", status);
  }

  public static StockConfirmReply fromJson(JsonObject json) {
    return new StockConfirmReply(JsonFields.id(json, "orderId"), json.getString("status"));
  }
}
