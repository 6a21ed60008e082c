package dev.shop.gateway.http;

import dev.shop.common.error.ShopException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Parses a request body into a JSON object: no body is an empty object, a body that is not
 * {@code application/json} is 415, malformed JSON or a non-object is 400.
 */
public final class JsonBody {

  private static final String KEY = "jsonBody";

  private JsonBody() {
  }

  /**
   * Parses the body into the request's context for {@link #of}; false when the request has failed
   * (415, 400) instead.
   */
  public static boolean parse(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      ctx.put(KEY, new JsonObject());
      return true;
    }
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (!isJson(contentType)) {
      ctx.fail(new ShopException(415, "Content-Type must be application/json"));
      return false;
    }
    Object value;
    try {
      value = Json.decodeValue(raw);
    } catch (DecodeException e) {
      ctx.fail(ShopException.badRequest("Malformed JSON body"));
      return false;
    }
    if (!(value instanceof JsonObject object)) {
      ctx.fail(ShopException.badRequest("The request body must be a JSON object"));
      return false;
    }
    ctx.put(KEY, object);
    return true;
  }

  public static JsonObject of(RoutingContext ctx) {
    JsonObject body = ctx.get(KEY);
    return body == null ? new JsonObject() : body;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mime = contentType.split(";", 2)[0].trim().toLowerCase();
    return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"));
  }
}
