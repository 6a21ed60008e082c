package dev.shop.gateway.http;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One structured line per request: method, path, status, duration, request id. */
public final class AccessLog {

  private static final Logger log = LoggerFactory.getLogger("access");

  private AccessLog() {
  }

  public static void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addEndHandler(done -> log.atInfo()
        .addKeyValue("method", ctx.request().method().name())
        .addKeyValue("path", ctx.request().path())
        .addKeyValue("status", ctx.response().getStatusCode())
        .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
        .addKeyValue("requestId", RequestIds.of(ctx))
        .log("http request"));
    ctx.next();
  }
}
