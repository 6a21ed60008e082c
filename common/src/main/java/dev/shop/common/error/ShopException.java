package dev.shop.common.error;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A failure a client is meant to see: an HTTP status, a message and optional per-field details.
 * Services raise it; the bus carries it; the gateway renders it as the contract's error JSON.
 */
public class ShopException extends RuntimeException {

  private final int status;
  private final List<FieldError> details;

  public ShopException(int status, String message, List<FieldError> details) {
    super(message, null, false, false);
    this.status = status;
    this.details = List.copyOf(details);
  }

  public ShopException(int status, String message) {
    this(status, message, List.of());
  }

  public int status() {
    return status;
  }

  public List<FieldError> details() {
    return details;
  }

  public static ShopException badRequest(String message) {
    return new ShopException(400, message);
  }

  public static ShopException invalid(List<FieldError> details) {
    String message = details.size() == 1
        ? details.get(0).field() + " " + details.get(0).message()
        : "Validation failed for " + details.size() + " fields";
    return new ShopException(400, message, details);
  }

  public static ShopException invalidField(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static ShopException unauthorized(String message) {
    return new ShopException(401, message);
  }

  public static ShopException forbidden(String message) {
    return new ShopException(403, message);
  }

  public static ShopException notFound(String message) {
    return new ShopException(404, message);
  }

  public static ShopException conflict(String message) {
    return new ShopException(409, message);
  }

  public static ShopException conflict(String message, List<FieldError> details) {
    return new ShopException(409, message, details);
  }

  /** The payload that travels on the bus with a failed reply. */
  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    details.forEach(d -> array.add(d.toJson()));
    return new JsonObject().put("message", getMessage()).put("details", array);
  }

  public static ShopException fromJson(int status, String fallbackMessage, JsonObject json) {
    if (json == null) {
      return new ShopException(status, fallbackMessage);
    }
    JsonArray array = json.getJsonArray("details", new JsonArray());
    List<FieldError> details = array.stream().map(o -> FieldError.fromJson((JsonObject) o)).toList();
    return new ShopException(status, json.getString("message", fallbackMessage), details);
  }
}
