package dev.shop.contract.user;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Who a customer is, as an administrator's views of orders show them: {@code {id, email, fullName, phone}}. */
public record UserSummary(UUID id, String email, String fullName, String phone) {

  public JsonObject toJson() {
    return new JsonObject().put("id", JsonFields.text(id)).put("email", email).put("fullName", fullName)
        .put("phone", phone);
  }

  /** Without the phone: the {@code customer} of a listed order. */
  public JsonObject toListingJson() {
    return new JsonObject().put("id", JsonFields.text(id)).put("email", email).put("fullName", fullName);
  }

  public static UserSummary fromJson(JsonObject json) {
    return new UserSummary(JsonFields.id(json, "id"), json.getString("email"), json.getString("fullName"),
        json.getString("phone"));
  }
}
