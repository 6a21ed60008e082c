package dev.shop.contract.user;

import io.vertx.core.json.JsonObject;

/** The answer of {@code user.status}: {@code {active}}, false for a deactivated or unknown account. */
public record UserStatusReply(boolean active) {

  public JsonObject toJson() {
    return new JsonObject().put("active", active);
  }

  /** An answer without {@code active} counts as not active. */
  public static UserStatusReply fromJson(JsonObject json) {
    return new UserStatusReply(json.getBoolean("active", false));
  }
}
