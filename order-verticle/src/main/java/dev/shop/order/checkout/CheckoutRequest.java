package dev.shop.order.checkout;

import dev.shop.common.json.BodySchema;
import dev.shop.common.json.JsonInput;
import dev.shop.common.text.Sha256;
import dev.shop.contract.RestContract;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /orders}: {@code {addressId?, items?:[{productId, quantity}]}}. Without
 * items the order is the caller's cart. A {@code priceInt} in an item is accepted and ignored (old
 * clients send it; prices come from the catalogue).
 *
 * @param items the lines asked for, or null for the cart
 */
public record CheckoutRequest(UUID addressId, List<OrderLine> items) {

  private static final BodySchema SCHEMA = BodySchema.of(RestContract.document(), "CheckoutRequest");
  private static final int ID_MAX = 64;

  public static CheckoutRequest from(JsonObject body) {
    JsonInput input = JsonInput.body(body, SCHEMA);
    UUID addressId = input.optionalId("addressId");
    JsonArray array = input.optionalArray("items", "lines");
    List<OrderLine> items = null;
    if (array != null) {
      items = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        if (!(array.getValue(i) instanceof JsonObject item)) {
          input.error("items[" + i + "]", "must be an object");
          continue;
        }
        JsonInput line = input.part("items[" + i + "]", item);
        String productId = line.requiredString("productId", 1, ID_MAX);
        Integer quantity = line.requiredInt("quantity");
        input.include("items[" + i + "].", line);
        if (!line.hasErrors()) {
          items.add(new OrderLine(productId, quantity));
        }
      }
    }
    input.validate();
    return new CheckoutRequest(addressId, items);
  }

  public boolean fromCart() {
    return items == null;
  }

  /**
   * The SHA-256 of the request in a canonical form (fields in a fixed order, ignored fields
   * dropped): what an Idempotency-Key's repeat must match.
   */
  byte[] hash() {
    JsonObject canonical = new JsonObject()
        .put("addressId", addressId == null ? null : addressId.toString())
        .put("items", items == null ? null : OrderLine.toJson(items));
    return Sha256.of(canonical.encode());
  }
}
