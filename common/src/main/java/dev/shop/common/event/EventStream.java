package dev.shop.common.event;

import io.vertx.core.Future;

/**
 * Where the outbox relays publish events and consumers receive them. Two implementations with
 * one contract, like the bus: {@code JetStreamEvents} (nats-transport: a JetStream stream with
 * durable consumers) and {@link LocalEvents} (one JVM, delivered from the outbox in-process).
 *
 * <p>Delivery is at least once: a consumer's {@link EventDelivery} that fails is called again later
 * with the next attempt number; one that succeeds acknowledges the event.
 */
public interface EventStream {

  /**
   * Completes once the event is safely handed on (stored in the stream, or applied in-process), on
   * the Vert.x context of the caller, wherever the stream or the consumer ran: the relay keeps its
   * state on its own event loop.
   */
  Future<Void> publish(DomainEvent event);

  /**
   * Delivers the events of {@code type} to the durable consumer {@code consumer}; the deliveries
   * run on the Vert.x context of the caller. Events published while the consumer was away are
   * delivered when it subscribes again.
   */
  Future<Subscription> subscribe(String consumer, String type, EventDelivery delivery);

  /**
   * Starts delivering. In one JVM, events wait for this until every service has subscribed, so an
   * event emitted during start-up reaches consumers that start after its producer.
   */
  void open();

  /** One consumer's subscription; closing it stops deliveries after those in progress. */
  interface Subscription {
    Future<Void> close();
  }

  /** Handles one delivery of an event; {@code attempt} counts from 1. */
  @FunctionalInterface
  interface EventDelivery {
    Future<Void> deliver(DomainEvent event, int attempt);
  }
}
