package dev.shop.contract.product;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The answer of {@code stock.release}: {@code {orderId, released}}; {@code released} is true for
 * the one call that gave the stock back, false for an unknown or already released reservation.
 */
public record StockReleaseReply(UUID orderId, boolean released) {

  public JsonObject toJson() {
    return new JsonObject().put("orderId", JsonFields.text(orderId)).put("released", released);
  }

  /** An answer without {@code released} gave nothing back. */
  public static StockReleaseReply fromJson(JsonObject json) {
    return new StockReleaseReply(JsonFields.id(json, "orderId"), json.getBoolean("released", false));
  }
}
