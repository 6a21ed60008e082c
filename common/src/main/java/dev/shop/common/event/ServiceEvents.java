package dev.shop.common.event;

import dev.shop.common.db.Pruning;
import dev.shop.common.metrics.Metrics;
import dev.shop.common.time.PeriodicJob;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's part in the event pipeline: its outbox and relay, the events it consumes, and the
 * pruning of what is no longer needed. {@code DomainVerticle} starts and stops it with the
 * service's lead instance; its other instances write to the same outbox ({@link #forAnotherInstance}).
 */
public final class ServiceEvents {

  private static final Logger log = LoggerFactory.getLogger(ServiceEvents.class);
  /** How often the outbox and dead-letter gauges are read from the database. */
  private static final Duration GAUGE_INTERVAL = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final String service;
  private final Pool pool;
  private final EventStream stream;
  private final EventSettings settings;
  private final OutboxRelay relay;
  private final Outbox outbox;
  private final EventConsumer consumer;
  private final Pruning pruning;
  private final Map<String, EventHandler> handlers = new LinkedHashMap<>();
  private final List<EventStream.Subscription> subscriptions = new ArrayList<>();

  public ServiceEvents(Vertx vertx, String service, Pool pool, EventStream stream, EventSettings settings) {
    this.vertx = vertx;
    this.service = service;
    this.pool = pool;
    this.stream = stream;
    this.settings = settings;
    this.relay = new OutboxRelay(vertx, pool, stream, settings);
    this.outbox = new Outbox(service, relay::wake);
    this.consumer = new EventConsumer(service, pool, settings.maxAttempts());
    this.pruning = pruning(pool, service, settings.retention());
  }

  private ServiceEvents(ServiceEvents running) {
    this.vertx = running.vertx;
    this.service = running.service;
    this.pool = running.pool;
    this.stream = running.stream;
    this.settings = running.settings;
    this.relay = running.relay;
    this.outbox = running.outbox;
    this.consumer = running.consumer;
    this.pruning = running.pruning;
  }

  /**
   * The events as another instance of the service sees them: it writes to this outbox, whose relay
   * runs here; the consumers it binds are the same as these, which run here, and are never started.
   */
  public ServiceEvents forAnotherInstance() {
    return new ServiceEvents(this);
  }

  /** Where the service writes the events it emits. */
  public Outbox outbox() {
    return outbox;
  }

  /** Consumes the events of {@code type} with {@code handler}; call before {@link #start()}. */
  public ServiceEvents on(String type, EventHandler handler) {
    if (handlers.putIfAbsent(type, handler) != null) {
      throw new IllegalArgumentException(service + " consumes " + type + " twice");
    }
    return this;
  }

  /** Subscribes the consumers, starts the relay and the pruning, on the caller's context. */
  public Future<Void> start() {
    List<Future<EventStream.Subscription>> subscribed = new ArrayList<>();
    handlers.forEach((type, handler) -> subscribed.add(stream.subscribe(service, type,
        (event, attempt) -> consumer.deliver(handler, event, attempt)).onSuccess(subscriptions::add)));
    return Future.all(subscribed).onSuccess(all -> {
      log.atDebug().addKeyValue("service", service).addKeyValue("consumes", handlers.keySet())
          .log("outbox relay and event consumers started");
      relay.start();
      pruning.start(vertx);
      if (Metrics.registry().isPresent()) {
        PeriodicJob.start(vertx, service + " event gauges", GAUGE_INTERVAL.toMillis(), this::readGauges);
      }
    }).mapEmpty();
  }

  /** Published outbox rows and applied-event ids older than the retention, deleted. */
  private static Pruning pruning(Pool pool, String service, Duration retention) {
    return new Pruning(pool, service, retention, List.of(
        new Pruning.Rule("outbox", "DELETE FROM event_outbox WHERE id IN (SELECT id FROM event_outbox WHERE "
            + "published_at < now() - $1 * interval '1 millisecond' LIMIT $2)", retention),
        new Pruning.Rule("applied", "DELETE FROM event_applied WHERE event_id IN (SELECT event_id FROM event_applied "
            + "WHERE applied_at < now() - $1 * interval '1 millisecond' LIMIT $2)", retention)));
  }

  /** One pruning round now. */
  Future<Void> prune() {
    return pruning.prune().mapEmpty();
  }

  /** Stops consuming, then lets the relay finish what it is publishing. */
  public Future<Void> stop() {
    return Future.join(subscriptions.stream().map(EventStream.Subscription::close).toList())
        .transform(closed -> relay.stop());
  }

  /**
   * The outbox's backlog (events not yet published, and the age of the oldest: the relay's lag)
   * and the dead letters waiting for someone to look at them, read from the service's database in
   * one statement (one snapshot). Counting reads the unpublished rows' partial index and the dead
   * letters, both few unless something is wrong.
   */
  public Future<PipelineState> state() {
    return pool.query("SELECT (SELECT count(*) FROM event_outbox WHERE published_at IS NULL), "
            + "(SELECT coalesce(extract(epoch FROM now() - min(occurred_at)) * 1000, 0)::bigint FROM event_outbox "
            + "WHERE published_at IS NULL), (SELECT count(*) FROM event_dead_letters), oldest.type, oldest.failed_at "
            + "FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT type, failed_at FROM event_dead_letters "
            + "ORDER BY failed_at, event_id LIMIT 1) oldest ON true")
        .execute()
        .map(rows -> {
          var row = rows.iterator().next();
          String oldestType = row.getString(3);
          return new PipelineState(row.getLong(0), row.getLong(1), row.getLong(2), oldestType == null ? null
              : new PipelineState.DeadLetter(oldestType, row.getOffsetDateTime(4).toInstant()));
        });
  }

  /** {@link #state()} as gauges by service. */
  private Future<Void> readGauges() {
    return state().map(state -> {
      Tags tags = Tags.of("service", service);
      Metrics.gauge("shop.events.outbox.pending", "Events in the outbox not published yet", tags)
          .set(state.outboxPending());
      Metrics.gauge("shop.events.outbox.lag.ms", "Age of the oldest unpublished event", tags).set(state.outboxLagMs());
      Metrics.gauge("shop.events.dead.letters", "Events a consumer gave up on", tags).set(state.deadLetters());
      return null;
    });
  }
}
