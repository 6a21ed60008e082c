package dev.shop.gateway.routes;

import dev.shop.common.error.ShopException;
import dev.shop.common.metrics.Metrics;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/** {@code GET /metrics}: this JVM's meters in the Prometheus text format. */
public final class MetricsRoutes {

  private MetricsRoutes() {
  }

  public static void register(Router router) {
    router.get("/metrics").handler(ctx -> Metrics.scrape().ifPresentOrElse(
        text -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, Metrics.CONTENT_TYPE).end(text),
        () -> ctx.fail(new ShopException(503, "Metrics are not enabled in this process"))));
  }
}
