package dev.shop.common.event;

import dev.shop.common.error.ShopException;
import dev.shop.common.vertx.Contexts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Events inside one JVM, for dev mode without NATS. The outbox is the durable log: a relay's
 * publish completes only when every consumer of the event's type has applied it (or dead-lettered
 * it), so an event still being delivered when the JVM stops stays unpublished in the outbox and is
 * delivered again at the next start. A failing handler is retried with the same back-off as on
 * JetStream.
 */
public final class LocalEvents implements EventStream {

  private final Vertx vertx;
  private final EventSettings settings;
  private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
  /** Every consumer that subscribed to a type in this JVM, so that one gone for a while is waited for. */
  private final Map<String, Set<String>> knownConsumers = new ConcurrentHashMap<>();
  private final Promise<Void> opened = Promise.promise();
  private final AtomicInteger turn = new AtomicInteger();

  private record Subscriber(String consumer, Context context, EventDelivery delivery) {
  }

  public LocalEvents(Vertx vertx, EventSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  @Override
  public Future<Void> publish(DomainEvent event) {
    // Acknowledged on the consumer's event loop; completed on the publisher's (see EventStream).
    Promise<Void> handedOn = Contexts.promiseOn(vertx.getOrCreateContext());
    opened.future().compose(open -> {
      List<Subscriber> current = subscribers.getOrDefault(event.type(), List.of());
      Set<String> present = Set.copyOf(current.stream().map(Subscriber::consumer).toList());
      if (!present.containsAll(knownConsumers.getOrDefault(event.type(), Set.of()))) {
        return Future.failedFuture(new ShopException(503, "A consumer of " + event.type() + " is not running"));
      }
      // Several instances of one service share its consumer: one of them gets the event.
      Map<String, List<Subscriber>> byConsumer = current.stream()
          .collect(Collectors.groupingBy(Subscriber::consumer, LinkedHashMap::new, Collectors.toList()));
      return Future.all(byConsumer.values().stream()
          .map(instances -> deliver(instances.get(Math.floorMod(turn.getAndIncrement(), instances.size())), event, 1))
          .toList()).<Void>mapEmpty();
    }).onComplete(handedOn);
    return handedOn.future();
  }

  /** Delivers until the consumer acknowledges, or fails after the attempts (the relay tries later). */
  private Future<Void> deliver(Subscriber subscriber, DomainEvent event, int attempt) {
    Promise<Void> acknowledged = Promise.promise();
    subscriber.context().runOnContext(v -> subscriber.delivery().deliver(event, attempt).onComplete(done -> {
      if (done.succeeded()) {
        acknowledged.complete();
      } else if (attempt > settings.maxAttempts()) {
        acknowledged.fail(done.cause());
      } else {
        vertx.setTimer(Math.max(1, settings.backoff(attempt).toMillis()),
            timer -> deliver(subscriber, event, attempt + 1).onComplete(acknowledged));
      }
    }));
    return acknowledged.future();
  }

  @Override
  public Future<Subscription> subscribe(String consumer, String type, EventDelivery delivery) {
    Subscriber subscriber = new Subscriber(consumer, vertx.getOrCreateContext(), delivery);
    knownConsumers.computeIfAbsent(type, t -> ConcurrentHashMap.newKeySet()).add(consumer);
    subscribers.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(subscriber);
    return Future.succeededFuture(() -> {
      subscribers.get(type).remove(subscriber);
      return Future.succeededFuture();
    });
  }

  @Override
  public void open() {
    opened.tryComplete();
  }
}
