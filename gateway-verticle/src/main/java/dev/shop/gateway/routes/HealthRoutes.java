package dev.shop.gateway.routes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/** Liveness and readiness probes. */
public final class HealthRoutes {

  private HealthRoutes() {
  }

  /** {@code ready} says whether the gateway can serve: bus connected, token keys loaded. */
  public static void register(Router router, BooleanSupplier ready) {
    router.get("/health/live").handler(ctx -> status(ctx, true));
    router.get("/health/ready").handler(ctx -> status(ctx, ready.getAsBoolean()));
  }

  private static void status(RoutingContext ctx, boolean up) {
    ctx.response()
        .setStatusCode(up ? 200 : 503)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(new JsonObject().put("status", up ? "UP" : "DOWN").toBuffer());
  }
}
