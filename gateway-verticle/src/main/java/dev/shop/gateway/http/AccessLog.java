package dev.shop.gateway.http;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One structured line per request: method, route template, path, status, duration, request id,
 * trace id and the caller's user id (when signed in). Written through the asynchronous appender.
 * The same end of the request records its {@link HttpMeters}.
 */
public final class AccessLog {

  private static final Logger log = LoggerFactory.getLogger("access");
  /** Keys under which the route table leaves the matched route's template and the caller's id. */
  static final String ROUTE = "route";
  static final String USER_ID = "userId";

  private final HttpMeters meters;

  public AccessLog(HttpMeters meters) {
    this.meters = meters;
  }

  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    meters.began();
    ctx.addEndHandler(done -> {
      String route = ctx.get(ROUTE);
      meters.ended(route != null ? route : matchedPath(ctx), ctx.request().method(), ctx.response().getStatusCode(),
          System.nanoTime() - started);
      LoggingEventBuilder line = log.atInfo()
          .addKeyValue("method", ctx.request().method().name());
      if (route != null) {
        line.addKeyValue("route", route);
      }
      line.addKeyValue("path", ctx.request().path())
          .addKeyValue("status", ctx.response().getStatusCode())
          .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
          .addKeyValue("requestId", RequestIds.of(ctx))
          .addKeyValue("traceId", RequestIds.trace(ctx).traceId());
      String userId = ctx.get(USER_ID);
      if (userId != null) {
        line.addKeyValue("userId", userId);
      }
      line.log("http request");
    });
    ctx.next();
  }

  /** The path of the route that answered outside the route table (health, metrics, docs); "" for none. */
  private static String matchedPath(RoutingContext ctx) {
    Route current = ctx.currentRoute();
    String path = current == null ? null : current.getPath();
    return path == null ? "" : path;
  }
}
