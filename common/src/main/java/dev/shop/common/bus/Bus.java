package dev.shop.common.bus;

import dev.shop.common.event.EventSettings;
import dev.shop.common.event.EventStream;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * Request-reply between the gateway and the services. Two implementations with one contract:
 * {@code NatsBus} (production, many JVMs; the nats-transport module) and {@link LocalBus} (one
 * JVM, in process).
 *
 * <p>A failed request fails its future with a {@code ShopException}: the service's own error, or
 * 503 when nothing answers the subject, or 504 when the answer did not come in time.
 */
public interface Bus {

  /** Sends a request that fails with 504 when no answer came within the bus's time-out. */
  default Future<BusReply> request(String subject, JsonObject body, RequestMeta meta) {
    return request(subject, body, meta, timeout());
  }

  /** Sends a request that fails with 504 when no answer came within {@code timeout}. */
  Future<BusReply> request(String subject, JsonObject body, RequestMeta meta, Duration timeout);

  /** How long a request waits for its answer unless told otherwise ({@code SHOP_BUS_TIMEOUT_MS}). */
  Duration timeout();

  /**
   * Starts answering the subjects of a service. Handlers run on the Vert.x context of the caller
   * of this method (the service's verticle).
   */
  Future<BusRegistration> serve(ServiceDefinition service);

  /**
   * The event stream that goes with this bus (JetStream on NATS, in-process on the local bus): one
   * per bus, made on first use with {@code settings}.
   */
  EventStream events(EventSettings settings);

  /**
   * Pings every running instance of {@code service} and answers those that answered within
   * {@code window}, each with its round trip (on NATS: {@code $SRV.PING.<service>} of the Services
   * protocol, which every instance answers). Empty when none answered: the service is down.
   */
  Future<List<ServiceInstance>> ping(String service, Duration window);

  /** Whether requests can be sent now (for readiness checks). */
  boolean connected();

  Future<Void> close();

  /** A service's subscriptions; closing it stops them after the requests in flight are done. */
  interface BusRegistration {
    Future<Void> close();
  }
}
