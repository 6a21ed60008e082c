package dev.shop.common.event;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a service's outbox. A round claims the oldest unpublished events (skipping those
 * another replica's relay holds), publishes them in order and marks each one published once the
 * stream has it. A relay that dies mid-round leaves its claims to run out: the events are then
 * published again (the stream drops the duplicates by event id). Woken by every append, and polls
 * for anything it missed.
 */
public final class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 100;
  /** Past this many unacknowledged publishes a round waits for the next poll. */
  private static final int MAX_IN_FLIGHT = 1_000;
  private static final long WAKE_DELAY_MS = 5;
  private static final Duration DEFAULT_CLAIM = Duration.ofSeconds(30);
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final Pool pool;
  private final EventStream stream;
  private final EventSettings settings;
  private final Duration claim;
  private final Set<UUID> inFlight = new HashSet<>();
  private final Map<UUID, Promise<Void>> toMark = new HashMap<>();
  /** When publishes began to fail (System.nanoTime()), and how many failed since: -1 and 0 while they succeed. */
  private long failingSince = -1;
  private long failedPublishes;
  private boolean marking;
  private long pollTimer = -1;
  private boolean wakeScheduled;
  /** Completed when the round under way has handed its events on; null when none runs. */
  private Promise<Void> roundFinished;
  /** Events a round claimed after {@link #stop()} began: freed by it, not published. */
  private final Set<UUID> claimedWhileStopping = new HashSet<>();
  private boolean roundAgain;
  private boolean stopped = true;
  /** The context the relay runs on, once started. */
  private volatile Context context;
  private Promise<Void> drained;

  public OutboxRelay(Vertx vertx, Pool pool, EventStream stream, EventSettings settings) {
    this(vertx, pool, stream, settings, DEFAULT_CLAIM);
  }

  /** With how long a claim lasts before another relay may take the event (short in tests). */
  OutboxRelay(Vertx vertx, Pool pool, EventStream stream, EventSettings settings, Duration claim) {
    this.vertx = vertx;
    this.pool = pool;
    this.stream = stream;
    this.settings = settings;
    this.claim = claim;
  }

  /** Starts publishing on the caller's context. */
  public void start() {
    context = vertx.getOrCreateContext();
    stopped = false;
    pollTimer = vertx.setPeriodic(settings.pollInterval().toMillis(), timer -> round());
    round();
  }

  /**
   * Asks for a round soon (after an append; a round that finds nothing yet costs one query). Any
   * instance of the service may append: the wake-up is handed to the relay's own context.
   */
  public void wake() {
    Context relayContext = context;
    if (relayContext != null) {
      relayContext.runOnContext(v -> {
        if (!stopped && !wakeScheduled) {
          wakeScheduled = true;
          vertx.setTimer(WAKE_DELAY_MS, timer -> {
            wakeScheduled = false;
            round();
          });
        }
      });
    }
  }

  private void round() {
    if (stopped) {
      return;
    }
    if (roundFinished != null) {
      roundAgain = true;
      return;
    }
    if (inFlight.size() >= MAX_IN_FLIGHT) {
      return;
    }
    Promise<Void> finished = Promise.promise();
    roundFinished = finished;
    claimBatch().onComplete(claimed -> {
      roundFinished = null;
      if (claimed.failed()) {
        if (!stopped) {
          log.atWarn().addKeyValue("reason", claimed.cause().getMessage()).log("outbox not read; will retry");
        }
      } else if (stopped) {
        claimed.result().forEach(event -> claimedWhileStopping.add(event.id()));
      } else {
        claimed.result().forEach(this::publish);
      }
      finished.complete();
      boolean full = claimed.succeeded() && claimed.result().size() == BATCH;
      if (full || roundAgain) {
        roundAgain = false;
        round();
      }
    });
  }

  private Future<List<DomainEvent>> claimBatch() {
    return pool.preparedQuery("UPDATE event_outbox SET claimed_until = now() + $2 * interval '1 millisecond', "
            + "attempts = attempts + 1 WHERE id IN (SELECT id FROM event_outbox WHERE published_at IS NULL "
            + "AND (claimed_until IS NULL OR claimed_until < now()) ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED) "
            + "RETURNING id, seq, type, source, data, occurred_at")
        .execute(Tuple.of(BATCH, claim.toMillis()))
        .map(rows -> {
          List<Row> claimed = new ArrayList<>();
          rows.forEach(claimed::add);
          claimed.sort(Comparator.comparingLong(row -> row.getLong("seq")));
          return claimed.stream().map(row -> new DomainEvent(row.getUUID("id"), row.getString("type"),
              row.getString("source"), row.getOffsetDateTime("occurred_at").toInstant(),
              (io.vertx.core.json.JsonObject) row.getJson("data"))).toList();
        });
  }

  private void publish(DomainEvent event) {
    inFlight.add(event.id());
    stream.publish(event)
        .onSuccess(published -> publishing())
        .compose(published -> markPublished(event.id()))
        .recover(failure -> {
          notPublishing(event, failure);
          return retryLater(event.id());
        })
        .onComplete(done -> {
          inFlight.remove(event.id());
          if (inFlight.isEmpty() && drained != null) {
            drained.tryComplete();
          }
        });
  }

  /**
   * A failed publish, logged once for a streak of them (say, every event of a leader election or a
   * NATS outage): the first one at WARN, the others at DEBUG, until {@link #publishing()}.
   */
  private void notPublishing(DomainEvent event, Throwable failure) {
    failedPublishes++;
    boolean first = failingSince < 0;
    if (first) {
      failingSince = System.nanoTime();
    }
    (first ? log.atWarn() : log.atDebug()).addKeyValue("eventId", event.id()).addKeyValue("type", event.type())
        .addKeyValue("reason", String.valueOf(failure.getMessage())).log("event not published yet; will retry");
  }

  /** A publish went through: ends a streak of failures, saying how long it lasted. */
  private void publishing() {
    if (failingSince >= 0) {
      log.atInfo().addKeyValue("failedPublishes", failedPublishes)
          .addKeyValue("failingMs", (System.nanoTime() - failingSince) / 1_000_000).log("events published again");
      failingSince = -1;
      failedPublishes = 0;
    }
  }

  /**
   * Marks the event published. Events published while a mark is being written are marked together
   * by the next one: under load, one UPDATE marks a batch.
   */
  private Future<Void> markPublished(UUID id) {
    Promise<Void> marked = Promise.promise();
    toMark.put(id, marked);
    if (!marking) {
      flushMarks();
    }
    return marked.future();
  }

  private void flushMarks() {
    Map<UUID, Promise<Void>> batch = new HashMap<>(toMark);
    toMark.clear();
    marking = true;
    pool.preparedQuery("UPDATE event_outbox SET published_at = now(), claimed_until = NULL WHERE id = ANY($1)")
        .execute(Tuple.of(batch.keySet().toArray(UUID[]::new)))
        .onComplete(done -> {
          marking = false;
          batch.values().forEach(promise -> promise.handle(done.<Void>mapEmpty()));
          if (!toMark.isEmpty()) {
            flushMarks();
          }
        });
  }

  /**
   * Frees the event for the next poll after this one. No back-off that grows: a publish fails when
   * the stream cannot store (NATS away, the stream's leader being elected), never because of the
   * event, so it is tried again at the relay's pace however often it failed, and never given up.
   */
  private Future<Void> retryLater(UUID id) {
    return pool.preparedQuery("UPDATE event_outbox SET claimed_until = now() + $2 * interval '1 millisecond' "
            + "WHERE id = $1 AND published_at IS NULL")
        .execute(Tuple.of(id, settings.pollInterval().toMillis()))
        .mapEmpty();
  }

  /**
   * Stops claiming, waits a little for the round under way and the publishes in flight, and frees
   * the claims of the events that were not published (those still in flight, and those a round
   * claimed as the relay stopped), so the next relay (after a restart, or a replica) takes them at
   * once rather than when their claims run out.
   */
  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(pollTimer);
    Future<Void> roundOver = roundFinished == null ? Future.succeededFuture()
        : roundFinished.future().timeout(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS).otherwiseEmpty();
    return roundOver.compose(v -> publishesDone()).compose(v -> freeClaims());
  }

  private Future<Void> publishesDone() {
    if (inFlight.isEmpty()) {
      return Future.succeededFuture();
    }
    drained = Promise.promise();
    Promise<Void> waited = Promise.promise();
    long timer = vertx.setTimer(STOP_WAIT.toMillis(), t -> waited.tryComplete());
    drained.future().onComplete(done -> {
      vertx.cancelTimer(timer);
      waited.tryComplete();
    });
    return waited.future();
  }

  private Future<Void> freeClaims() {
    Set<UUID> unfinished = new HashSet<>(inFlight);
    unfinished.addAll(claimedWhileStopping);
    claimedWhileStopping.clear();
    if (unfinished.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("UPDATE event_outbox SET claimed_until = NULL WHERE id = ANY($1) AND published_at IS NULL")
        .execute(Tuple.of(unfinished.toArray(UUID[]::new))).<Void>mapEmpty()
        .otherwiseEmpty();
  }
}
