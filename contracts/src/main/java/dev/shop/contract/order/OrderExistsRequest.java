package dev.shop.contract.order;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * {@code order.exists}: {@code {orderIds:[...]}}, at most {@link #MAX_ORDERS}, asked with no
 * caller (the product service's reservation sweeper). The answer is final: an order answered as
 * missing can no longer be created (its checkout, if one is still running, fails).
 */
public record OrderExistsRequest(List<UUID> orderIds) {

  public static final int MAX_ORDERS = 500;

  public JsonObject toJson() {
    return new JsonObject().put("orderIds", JsonFields.array(orderIds, JsonFields::text));
  }

  public static OrderExistsRequest fromJson(JsonObject json) {
    return new OrderExistsRequest(JsonFields.strings(json, "orderIds").stream().map(UUID::fromString).toList());
  }
}
