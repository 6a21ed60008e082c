package dev.shop.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A successful answer: a JSON object or array, and the HTTP status it stands for at the gateway.
 */
public record BusReply(int status, Object body) {

  public BusReply {
    if (!(body instanceof JsonObject) && !(body instanceof JsonArray)) {
      throw new IllegalArgumentException("A reply body is a JSON object or array");
    }
  }

  public static BusReply ok(Object body) {
    return new BusReply(200, body);
  }

  public static BusReply created(Object body) {
    return new BusReply(201, body);
  }

  public static BusReply success() {
    return ok(new JsonObject().put("success", true));
  }

  /** The body as JSON bytes, as it travels and as the gateway answers it. */
  public io.vertx.core.buffer.Buffer encodedBody() {
    return body instanceof JsonObject object ? object.toBuffer() : ((JsonArray) body).toBuffer();
  }

  public JsonObject bodyAsObject() {
    return (JsonObject) body;
  }

  public JsonArray bodyAsArray() {
    return (JsonArray) body;
  }
}
