package dev.shop.common.error;

import io.vertx.core.json.JsonObject;

/** One invalid field of a request, as listed in an error's {@code details}. */
public record FieldError(String field, String message) {

  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("message", message);
  }

  public static FieldError fromJson(JsonObject json) {
    return new FieldError(json.getString("field"), json.getString("message"));
  }
}
