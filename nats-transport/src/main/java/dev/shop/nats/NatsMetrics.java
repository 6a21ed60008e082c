package dev.shop.nats;

import dev.shop.common.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of what the NATS connections could not do: {@code shop_bus_malformed_messages_total}
 * (messages dropped for a header block that cannot be read), {@code shop_bus_dropped_messages_total}
 * (replies that could not be sent nor kept while reconnecting) and {@code shop_bus_reconnects_total}
 * (connections lost or left for a server in lame duck mode; registered at 0 when the bus connects).
 * The timers of requests sent and answered are the same on both buses ({@code BusMetrics}).
 */
final class NatsMetrics {

  private static final String RECONNECTS = "shop.bus.reconnects";

  private NatsMetrics() {
  }

  static void malformedMessage() {
    count("shop.bus.malformed.messages", "NATS messages dropped because their header block could not be read");
  }

  static void droppedMessage() {
    count("shop.bus.dropped.messages", "NATS messages (replies mostly) dropped: not connected, and no room to keep them");
  }

  /**
   * Registers the reconnect counter at 0 (on a context of the bus's Vert.x instance), so the series
   * exists from the start and an alert on its increase sees the first reconnect.
   */
  static void countReconnects() {
    Metrics.registry().ifPresent(NatsMetrics::reconnects);
  }

  static void reconnect() {
    Metrics.registry().ifPresent(registry -> reconnects(registry).increment());
  }

  private static Counter reconnects(MeterRegistry registry) {
    return Counter.builder(RECONNECTS).description("NATS connections lost, or left for a server in lame duck mode")
        .register(registry);
  }

  /** Rare events: the counter is looked up each time. Called on a Vert.x thread of the registry's instance. */
  private static void count(String name, String description) {
    Metrics.registry().ifPresent(registry -> Counter.builder(name).description(description).register(registry)
        .increment());
  }
}
