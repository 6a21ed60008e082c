package dev.shop.common.bus;

import dev.shop.common.error.ShopException;
import dev.shop.common.metrics.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bus's meters, alike on both buses: {@code shop_bus_requests_seconds} for requests this JVM
 * sent and {@code shop_bus_handled_seconds} for those its services answered, by subject and status
 * (the service's status, 503 for no responder, 504 for a time-out). What only NATS connections can
 * fail to do is counted by the transport's own meters ({@code dev.shop.nats.NatsMetrics}).
 */
public final class BusMetrics {

  private static final String SENT = "shop.bus.requests";
  private static final String HANDLED = "shop.bus.handled";
  /**
   * The timers already registered: finding one through the registry builds its id and compares
   * tags on every request. Bounded: the subjects are the code's, the statuses a handful.
   */
  private static final Map<TimerKey, Timer> TIMERS = new ConcurrentHashMap<>();

  private record TimerKey(MeterRegistry registry, String name, String subject, int status) {
  }

  private BusMetrics() {
  }

  public static Future<BusReply> sent(String subject, Supplier<Future<BusReply>> request) {
    return timed(SENT, "Bus requests sent, by subject and status", subject, request);
  }

  public static Future<BusReply> handled(String subject, Supplier<Future<BusReply>> handling) {
    return timed(HANDLED, "Bus requests answered by this JVM's services, by subject and status", subject, handling);
  }

  private static Future<BusReply> timed(String name, String description, String subject,
      Supplier<Future<BusReply>> work) {
    Optional<MeterRegistry> registry = Metrics.registry();
    if (registry.isEmpty()) {
      return work.get();
    }
    long start = System.nanoTime();
    return work.get().onComplete(result -> {
      int status = result.succeeded() ? result.result().status()
          : result.cause() instanceof ShopException shop ? shop.status() : 500;
      TIMERS.computeIfAbsent(new TimerKey(registry.get(), name, subject, status), key -> Timer.builder(key.name())
              .description(description).tag("subject", key.subject()).tag("status", Integer.toString(key.status()))
              .serviceLevelObjectives(Metrics.BUCKETS).register(key.registry()))
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    });
  }
}
