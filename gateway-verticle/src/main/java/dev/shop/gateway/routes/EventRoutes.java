package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.ADMIN;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.bus.ServiceNames;
import dev.shop.common.event.PipelineState;
import dev.shop.gateway.http.Api;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /admin/events} (docs/OPERATIONS.md, "The event pipeline's state"): each domain service's
 * outbox backlog and dead letters, asked of all of them at once ({@code <service>.eventsState}).
 * A service that does not answer within {@code wait} is listed DOWN with no figures: the others'
 * state is what an operator needs most when one is down.
 */
public final class EventRoutes {

  private static final Logger log = LoggerFactory.getLogger(EventRoutes.class);

  private EventRoutes() {
  }

  public static void register(Api api, Duration wait) {
    api.get("/admin/events", ADMIN, (bus, meta) -> states(bus, meta, wait));
  }

  /**
   * {@code {services:[{service, status, outboxPending, outboxLagMs, deadLetters, oldestDeadLetter}]}},
   * in start order.
   */
  private static Future<JsonObject> states(Bus bus, RequestMeta meta, Duration wait) {
    List<Future<BusReply>> asked = ServiceNames.ALL.stream()
        .map(service -> bus.request(PipelineState.subject(service), new JsonObject(), meta, wait)).toList();
    return Future.join(asked).transform(all -> {
      JsonArray services = new JsonArray();
      for (int i = 0; i < asked.size(); i++) {
        services.add(entry(ServiceNames.ALL.get(i), asked.get(i), meta));
      }
      return Future.succeededFuture(new JsonObject().put("services", services));
    });
  }

  private static JsonObject entry(String service, Future<BusReply> asked, RequestMeta meta) {
    JsonObject entry = new JsonObject().put("service", service);
    if (asked.succeeded()) {
      return entry.put("status", "UP").mergeIn(PipelineState.fromJson(asked.result().bodyAsObject()).toJson());
    }
    log.atWarn().addKeyValue("service", service).addKeyValue("requestId", meta.requestId())
        .addKeyValue("error", asked.cause().getMessage()).log("no pipeline state from the service");
    return entry.put("status", "DOWN").put("outboxPending", null).put("outboxLagMs", null).put("deadLetters", null)
        .put("oldestDeadLetter", null);
  }
}
