package dev.shop.contract.order;

import io.vertx.core.json.JsonObject;

/** The answer of {@code order.exists}: {@code {exists}}. */
public record OrderExistsReply(boolean exists) {

  public JsonObject toJson() {
    return new JsonObject().put("exists", exists);
  }

  /** An answer without {@code exists} says the order does not exist. */
  public static OrderExistsReply fromJson(JsonObject json) {
    return new OrderExistsReply(json.getBoolean("exists", false));
  }
}
