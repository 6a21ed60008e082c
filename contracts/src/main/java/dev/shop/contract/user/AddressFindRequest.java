package dev.shop.contract.user;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** {@code address.findById}: {@code {id}}, any user's address, asked as an administrator. */
public record AddressFindRequest(UUID id) {

  public JsonObject toJson() {
    return new JsonObject().put("id", JsonFields.text(id));
  }
}
