package dev.shop.gateway.http;

import dev.shop.common.bus.Caller;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Map;

/** How a route turns an HTTP request into the JSON body of its bus request. */
@FunctionalInterface
public interface Payload {

  JsonObject build(RoutingContext ctx, Caller caller);

  /** The request body as sent. */
  static Payload body() {
    return (ctx, caller) -> JsonBody.of(ctx);
  }

  /**
   * {@code {rawBody, signature}}: the body's exact bytes (base64) and the value of the header
   * {@code signatureHeader}, for a service that checks a signature of the body as it was sent.
   */
  static Payload signedBody(String signatureHeader) {
    return (ctx, caller) -> {
      Buffer raw = ctx.body().buffer();
      return new JsonObject()
          .put("rawBody", Base64.getEncoder().encodeToString(raw == null ? new byte[0] : raw.getBytes()))
          .put("signature", ctx.request().getHeader(signatureHeader));
    };
  }

  /** The query parameters (the first value of each), as strings. */
  static Payload query() {
    return (ctx, caller) -> {
      JsonObject query = new JsonObject();
      for (Map.Entry<String, String> entry : ctx.queryParams()) {
        if (!query.containsKey(entry.getKey())) {
          query.put(entry.getKey(), entry.getValue());
        }
      }
      return query;
    };
  }

  /** Only the named query parameters that were sent (the first value of each), as strings. */
  static Payload queryParams(String... names) {
    return (ctx, caller) -> {
      JsonObject query = new JsonObject();
      for (String name : names) {
        String value = ctx.queryParams().get(name);
        if (value != null) {
          query.put(name, value);
        }
      }
      return query;
    };
  }

  /** The fields of this payload and of {@code other} (whose fields win where both have one). */
  default Payload and(Payload other) {
    return (ctx, caller) -> build(ctx, caller).mergeIn(other.build(ctx, caller));
  }

  /** {@code {id}} from the path parameter {@code :id}. */
  static Payload pathId() {
    return path("id");
  }

  /** The path parameter {@code name} as the field {@code field}. */
  static Payload pathParam(String name, String field) {
    return (ctx, caller) -> new JsonObject().put(field, ctx.pathParam(name));
  }

  /** The named path parameters. */
  static Payload path(String... names) {
    return (ctx, caller) -> {
      JsonObject json = new JsonObject();
      for (String name : names) {
        json.put(name, ctx.pathParam(name));
      }
      return json;
    };
  }

  /** {@code {id, changes: body}}: the form of every update subject. */
  static Payload update() {
    return (ctx, caller) -> new JsonObject().put("id", ctx.pathParam("id")).put("changes", JsonBody.of(ctx));
  }

  /** {@code {id}} of the caller themself. */
  static Payload callerId() {
    return (ctx, caller) -> new JsonObject().put("id", caller.userId());
  }

  static Payload empty() {
    return (ctx, caller) -> new JsonObject();
  }
}
