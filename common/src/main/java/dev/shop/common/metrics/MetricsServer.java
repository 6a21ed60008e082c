package dev.shop.common.metrics;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SHOP_METRICS_PORT}: a small HTTP server for a JVM that runs services without the gateway,
 * answering {@code GET /metrics} (Prometheus text) and {@code GET /health/live}.
 */
public final class MetricsServer {

  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

  private MetricsServer() {
  }

  public static Future<HttpServer> start(Vertx vertx, int port) {
    // HTTP/1.1 only, as the gateway: a client asking for an h2c upgrade could be left hanging.
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)).requestHandler(request -> {
      if (request.path().equals("/metrics")) {
        Metrics.scrape().ifPresentOrElse(
            text -> request.response().putHeader(HttpHeaders.CONTENT_TYPE, Metrics.CONTENT_TYPE).end(text),
            () -> request.response().setStatusCode(503).end());
      } else if (request.path().equals("/health/live")) {
        request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end("{\"status\":\"UP\"}");
      } else {
        request.response().setStatusCode(404).end();
      }
    }).listen(port).onSuccess(server -> log.atInfo().addKeyValue("port", server.actualPort()).log("metrics listening"));
  }
}
