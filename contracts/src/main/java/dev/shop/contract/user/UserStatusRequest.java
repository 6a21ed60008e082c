package dev.shop.contract.user;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** {@code user.status}: {@code {id}}, asked with no caller (the gateway checks an access token's user). */
public record UserStatusRequest(UUID id) {

  public JsonObject toJson() {
    return new JsonObject().put("id", JsonFields.text(id));
  }

  public static UserStatusRequest fromJson(JsonObject json) {
    return new UserStatusRequest(JsonFields.id(json, "id"));
  }
}
