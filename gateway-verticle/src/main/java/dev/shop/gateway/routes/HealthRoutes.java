package dev.shop.gateway.routes;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.ServiceInstance;
import dev.shop.common.bus.ServiceNames;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code /health}: every domain service pinged, with its instances and latency; and the probes for
 * orchestrators, {@code /health/live} (the process answers) and {@code /health/ready} (the gateway
 * can serve: bus connected, token keys loaded).
 */
public final class HealthRoutes {

  private static final String JSON = "application/json; charset=utf-8";

  private HealthRoutes() {
  }

  /** {@code window}: how long {@code /health} waits for the instances of each service to answer. */
  public static void register(Router router, Bus bus, Duration window, BooleanSupplier ready) {
    router.get("/health").handler(ctx -> health(ctx, bus, window, ready));
    router.get("/health/live").handler(ctx -> probe(ctx, true));
    router.get("/health/ready").handler(ctx -> probe(ctx, ready.getAsBoolean()));
  }

  /** 200 when the gateway is ready and every service has an instance that answered; else 503. */
  private static void health(RoutingContext ctx, Bus bus, Duration window, BooleanSupplier ready) {
    List<Future<List<ServiceInstance>>> pings = ServiceNames.ALL.stream()
        .map(service -> bus.ping(service, window)).toList();
    Future.join(pings).onComplete(done -> {
      boolean gatewayUp = ready.getAsBoolean();
      boolean allUp = gatewayUp;
      JsonObject services = new JsonObject();
      for (int i = 0; i < pings.size(); i++) {
        List<ServiceInstance> instances = pings.get(i).succeeded() ? pings.get(i).result() : List.of();
        JsonObject service = new JsonObject().put("status", instances.isEmpty() ? "DOWN" : "UP")
            .put("instances", instances.size());
        instances.stream().map(ServiceInstance::latency).min(Comparator.naturalOrder())
            .ifPresent(fastest -> service.put("latencyMs", Math.round(fastest.toNanos() / 10_000.0) / 100.0));
        allUp &= !instances.isEmpty();
        services.put(ServiceNames.ALL.get(i), service);
      }
      JsonObject body = new JsonObject().put("status", allUp ? "UP" : "DOWN")
          .put("gateway", new JsonObject().put("status", gatewayUp ? "UP" : "DOWN"))
          .put("services", services);
      send(ctx, allUp, body);
    });
  }

  private static void probe(RoutingContext ctx, boolean up) {
    send(ctx, up, new JsonObject().put("status", up ? "UP" : "DOWN"));
  }

  private static void send(RoutingContext ctx, boolean up, JsonObject body) {
    ctx.response()
        .setStatusCode(up ? 200 : 503)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.toBuffer());
  }
}
