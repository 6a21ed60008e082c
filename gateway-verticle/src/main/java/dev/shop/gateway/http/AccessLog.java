package dev.shop.gateway.http;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per request: method, route template, path, status, duration, request id,
 * trace id and the caller's user id (when signed in). Written through the asynchronous appender.
 */
public final class AccessLog {

  private static final Logger log = LoggerFactory.getLogger("access");
  /** Keys under which the route table leaves the matched route's template and the caller's id. */
  static final String ROUTE = "route";
  static final String USER_ID = "userId";

  private AccessLog() {
  }

  public static void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addEndHandler(done -> log.atInfo()
        .addKeyValue("method", ctx.request().method().name())
        .addKeyValue("route", ctx.get(ROUTE))
        .addKeyValue("path", ctx.request().path())
        .addKeyValue("status", ctx.response().getStatusCode())
        .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
        .addKeyValue("requestId", RequestIds.of(ctx))
        .addKeyValue("traceId", RequestIds.trace(ctx).traceId())
        .addKeyValue("userId", ctx.get(USER_ID))
        .log("http request"));
    ctx.next();
  }
}
