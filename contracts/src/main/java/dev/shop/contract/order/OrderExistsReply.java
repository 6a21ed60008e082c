package dev.shop.contract.order;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** The answer of {@code order.exists}: {@code {existing:[...]}}, the asked orders that exist. */
public record OrderExistsReply(List<UUID> existing) {

  public JsonObject toJson() {
    return new JsonObject().put("existing", JsonFields.array(existing, JsonFields::text));
  }

  /** An answer without {@code existing} says none of the orders exists. */
  public static OrderExistsReply fromJson(JsonObject json) {
    return new OrderExistsReply(JsonFields.strings(json, "existing").stream().map(UUID::fromString).toList());
  }
}
