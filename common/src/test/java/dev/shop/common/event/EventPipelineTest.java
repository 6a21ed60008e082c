package dev.shop.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.db.Database;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event pipeline end to end on a real PostgreSQL, over JetStream and in-process: outbox in
 * the producer's transaction, relay, at-least-once delivery, idempotent consumers, dead letters,
 * pruning. A "service" here both emits and consumes, in one database.
 */
public abstract class EventPipelineTest {

  static final int MAX_ATTEMPTS = 3;

  protected Vertx vertx;
  protected Context context;
  protected Pool pool;
  protected EventSettings settings;
  protected EventStream stream;
  private final List<Runnable> cleanups = new ArrayList<>();

  protected abstract EventStream createStream(Vertx vertx, EventSettings settings);

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    String unique = UUID.randomUUID().toString().substring(0, 8);
    settings = new EventSettings("TEST_" + unique, "test-" + unique, MAX_ATTEMPTS, Duration.ofMillis(50),
        Duration.ofHours(1), Duration.ofMillis(200), 1, Duration.ofSeconds(10));
    pool = Await.result(Database.migrateAndConnect(vertx, "eventtest", TestDatabases.freshDatabase("events"), 4));
    sql("CREATE TABLE effects (event_id uuid NOT NULL, n integer NOT NULL)");
    stream = createStream(vertx, settings);
    stream.open();
  }

  @AfterEach
  void tearDown() {
    cleanups.forEach(Runnable::run);
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  /** A service's events with the consumer {@code consumer} of {@code type}, started on the test's context. */
  ServiceEvents startService(String name, String type, EventHandler handler) {
    return startService(name, type, handler, stream);
  }

  /** {@link #startService(String, String, EventHandler)} over {@code over} rather than the test's stream. */
  ServiceEvents startService(String name, String type, EventHandler handler, EventStream over) {
    ServiceEvents events = new ServiceEvents(vertx, name, pool, over, settings);
    if (handler != null) {
      events.on(type, handler);
    }
    onContext(events::start);
    cleanups.add(0, () -> onContext(events::stop));
    return events;
  }

  /** Records the event's {@code n} as its effect. */
  static Future<Void> recordEffect(SqlClient tx, DomainEvent event) {
    return tx.preparedQuery("INSERT INTO effects (event_id, n) VALUES ($1, $2)")
        .execute(Tuple.of(event.id(), event.data().getInteger("n"))).mapEmpty();
  }

  @Test
  void anEventCommittedWithItsChangeIsAppliedOnce() {
    ServiceEvents events = startService("svc", "thing.happened", EventPipelineTest::recordEffect);
    DomainEvent event = append(events.outbox(), "thing.happened", 1);
    awaitEffects(1);
    assertThat(rows("SELECT n FROM effects WHERE event_id = $1", event.id())).containsExactly(1);
    awaitTrue(() -> count("SELECT count(*) FROM event_outbox WHERE published_at IS NOT NULL") == 1);
    assertThat(count("SELECT count(*) FROM event_applied WHERE event_id = '" + event.id() + "'")).isEqualTo(1);
  }

  /**
   * The relay keeps its state on its own context and touches it again when a publish completes: a
   * publish applied on the consumer's event loop must still complete on the publisher's.
   */
  @Test
  void aPublishCompletesOnThePublishersContextWhereverItsConsumerRuns() {
    io.netty.channel.EventLoop publisherLoop = ((ContextInternal) context).nettyEventLoop();
    io.netty.channel.EventLoop otherLoop = java.util.stream.StreamSupport
        .stream(((VertxInternal) vertx).nettyEventLoopGroup().spliterator(), false)
        .map(io.netty.channel.EventLoop.class::cast).filter(loop -> loop != publisherLoop).findFirst().orElseThrow();
    Context consumerContext = ((VertxInternal) vertx).contextBuilder().withEventLoop(otherLoop).build();
    List<Thread> consumerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    Promise<EventStream.Subscription> subscribed = Promise.promise();
    consumerContext.runOnContext(v -> stream.subscribe("elsewhere", "thing.happened", (event, attempt) -> {
      consumerThreads.add(Thread.currentThread());
      return Future.succeededFuture();
    }).onComplete(subscribed));
    EventStream.Subscription subscription = Await.result(subscribed.future());
    cleanups.add(0, () -> Await.result(subscription.close()));

    Promise<Context> completedOn = Promise.promise();
    Promise<Thread> publisherThread = Promise.promise();
    DomainEvent event = new DomainEvent(UUID.randomUUID(), "thing.happened", "svc", java.time.Instant.now(),
        new JsonObject().put("n", 1));
    context.runOnContext(v -> {
      publisherThread.complete(Thread.currentThread());
      stream.publish(event).onComplete(done -> completedOn.complete(Vertx.currentContext()));
    });

    assertThat(Await.result(completedOn.future())).isSameAs(context);
    awaitTrue(() -> !consumerThreads.isEmpty());
    assertThat(consumerThreads.get(0)).isNotSameAs(Await.result(publisherThread.future()));
  }

  /**
   * A relay stopped while its claim waits (here on a lock another transaction holds) publishes
   * nothing it claims afterwards and frees those claims: the next start delivers the event at once,
   * not when the claim would have run out (30 s, beyond this test's wait).
   */
  @Test
  void aRelayStoppedWhileItClaimsLeavesTheEventsFreeForTheNextStart() {
    ServiceEvents events = startService("svc", "thing.happened", EventPipelineTest::recordEffect);
    io.vertx.sqlclient.SqlConnection blocker = Await.result(pool.getConnection());
    io.vertx.sqlclient.Transaction held = Await.result(blocker.begin());
    Await.result(blocker.query("LOCK TABLE event_outbox IN EXCLUSIVE MODE").execute());
    Await.result(blocker.query("INSERT INTO event_outbox (id, type, source, data) "
        + "VALUES (gen_random_uuid(), 'thing.happened', 'svc', '{\"n\": 1}')").execute());
    awaitTrue(() -> count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        + "AND query LIKE 'UPDATE event_outbox SET claimed_until%'") == 1);

    Future<Void> stopped = onContext(events::stop);
    sleep(200);
    Await.result(held.commit());
    Await.result(blocker.close());
    Await.result(stopped);

    sleep(300);
    assertThat(count("SELECT count(*) FROM effects")).isZero();
    assertThat(count("SELECT count(*) FROM event_outbox WHERE published_at IS NULL AND claimed_until IS NULL"))
        .isEqualTo(1);
    startService("svc", "thing.happened", EventPipelineTest::recordEffect);
    awaitEffects(1);
  }

  @Test
  void aSecondDeliveryOfTheSameEventChangesNothing() {
    ServiceEvents events = startService("svc", "thing.happened", EventPipelineTest::recordEffect);
    DomainEvent event = append(events.outbox(), "thing.happened", 7);
    awaitEffects(1);
    // A relay that published and died before marking the row publishes it again.
    sql("UPDATE event_outbox SET published_at = NULL, claimed_until = NULL");
    onContext(() -> stream.publish(event));
    append(events.outbox(), "thing.happened", 8);
    awaitEffects(2);
    sleep(300);
    assertThat(rows("SELECT n FROM effects ORDER BY n", null)).containsExactly(7, 8);
  }

  @Test
  void aRolledBackChangeEmitsNothing() {
    ServiceEvents events = startService("svc", "thing.happened", EventPipelineTest::recordEffect);
    Throwable failure = Await.failure(onContext(() -> pool.withTransaction(tx -> events.outbox()
        .append(tx, "thing.happened", new JsonObject().put("n", 1))
        .compose(appended -> Future.failedFuture(new IllegalStateException("the change failed"))))));
    assertThat(failure).hasMessage("the change failed");
    append(events.outbox(), "thing.happened", 2);
    awaitEffects(1);
    sleep(300);
    assertThat(rows("SELECT n FROM effects", null)).containsExactly(2);
    assertThat(count("SELECT count(*) FROM event_outbox")).isEqualTo(1);
  }

  @Test
  void aRelayThatDiedBetweenCommitAndPublishDeliversWhenItComesBack() {
    // The consumer runs; the producer's relay is down: events are committed, nothing publishes them.
    EventConsumer consumer = new EventConsumer("consumer", pool, MAX_ATTEMPTS);
    EventStream.Subscription subscription = Await.result(onContext(() -> stream.subscribe("consumer",
        "thing.happened", (event, attempt) -> consumer.deliver(EventPipelineTest::recordEffect, event, attempt))));
    cleanups.add(() -> onContext(subscription::close));
    Outbox orphan = new Outbox("producer", () -> { });
    append(orphan, "thing.happened", 1);
    append(orphan, "thing.happened", 2);
    // And one a relay had claimed when it died: its claim must run out first.
    DomainEvent claimed = append(orphan, "thing.happened", 3);
    sql("UPDATE event_outbox SET claimed_until = now() + interval '1 second', attempts = 1 WHERE id = '"
        + claimed.id() + "'");
    sleep(500);
    assertThat(count("SELECT count(*) FROM effects")).isZero();

    OutboxRelay relay = new OutboxRelay(vertx, pool, stream, settings);
    context.runOnContext(v -> relay.start());
    cleanups.add(0, () -> onContext(relay::stop));
    awaitEffects(3);
    assertThat(rows("SELECT n FROM effects ORDER BY n", null)).containsExactly(1, 2, 3);
    awaitTrue(() -> count("SELECT count(*) FROM event_outbox WHERE published_at IS NULL") == 0);
  }

  @Test
  void anEventWhoseHandlerKeepsFailingIsDeadLetteredAndTheNextOnesAreApplied() {
    ServiceEvents events = startService("svc", "thing.happened", (tx, event) -> event.data().getInteger("n") == 13
        ? Future.failedFuture(new IllegalStateException("cannot apply 13"))
        : recordEffect(tx, event));
    DomainEvent poison = append(events.outbox(), "thing.happened", 13);
    append(events.outbox(), "thing.happened", 14);
    append(events.outbox(), "thing.happened", 15);
    awaitTrue(() -> count("SELECT count(*) FROM event_dead_letters") == 1);
    awaitEffects(2);
    assertThat(rows("SELECT n FROM effects ORDER BY n", null)).containsExactly(14, 15);
    List<Row> dead = query("SELECT event_id, type, attempts, error, data FROM event_dead_letters", null);
    assertThat(dead.get(0).getUUID("event_id")).isEqualTo(poison.id());
    assertThat(dead.get(0).getString("type")).isEqualTo("thing.happened");
    assertThat(dead.get(0).getInteger("attempts")).isEqualTo(MAX_ATTEMPTS);
    assertThat(dead.get(0).getString("error")).contains("cannot apply 13");
    assertThat(count("SELECT count(*) FROM event_applied WHERE event_id = '" + poison.id() + "'")).isZero();
  }

  @Test
  void aHandlerThatFailsForAWhileAppliesTheEventOnceItRecovers() {
    int[] calls = {0};
    ServiceEvents events = startService("svc", "thing.happened", (tx, event) -> ++calls[0] < MAX_ATTEMPTS
        ? Future.failedFuture(new IllegalStateException("database hiccup"))
        : recordEffect(tx, event));
    append(events.outbox(), "thing.happened", 5);
    awaitEffects(1);
    assertThat(calls[0]).isEqualTo(MAX_ATTEMPTS);
    assertThat(count("SELECT count(*) FROM event_dead_letters")).isZero();
  }

  @Test
  void anEventIsNotDeadLetteredWhileItsDatabaseIsAwayHoweverManyAttemptsItTakes() {
    int[] calls = {0};
    ServiceEvents events = startService("svc", "thing.happened", (tx, event) -> ++calls[0] <= MAX_ATTEMPTS + 1
        ? Future.failedFuture(new io.vertx.pgclient.PgException("the database system is starting up", "FATAL",
            "57P03", null))
        : recordEffect(tx, event));
    append(events.outbox(), "thing.happened", 7);
    awaitEffects(1);
    assertThat(calls[0]).isEqualTo(MAX_ATTEMPTS + 2);
    assertThat(count("SELECT count(*) FROM event_dead_letters")).isZero();
  }

  /**
   * A stream that refuses every publish for a while (a NATS cluster electing the stream's leader
   * answers "no responders", 503s or nothing) costs each event more attempts than a failing handler
   * is given: none is dead-lettered or dropped, and all are published soon after the stream is back
   * (the relay retries at its poll, with no back-off that grew during the outage).
   */
  @Test
  void publishesRefusedForAWhileAreRetriedPromptlyAndNoneIsDeadLettered() {
    java.util.concurrent.atomic.AtomicBoolean electing = new java.util.concurrent.atomic.AtomicBoolean(true);
    EventStream refusingWhileElecting = new EventStream() {
      @Override
      public Future<Void> publish(DomainEvent event) {
        return electing.get()
            ? Future.failedFuture(new java.io.IOException("Error Publishing: 503 No Responders Available For Request"))
            : stream.publish(event);
      }

      @Override
      public Future<Subscription> subscribe(String consumer, String type, EventDelivery delivery) {
        return stream.subscribe(consumer, type, delivery);
      }

      @Override
      public void open() {
        stream.open();
      }
    };
    ServiceEvents events = startService("svc", "thing.happened", EventPipelineTest::recordEffect,
        refusingWhileElecting);
    for (int n = 1; n <= 10; n++) {
      append(events.outbox(), "thing.happened", n);
    }
    awaitTrue(() -> count("SELECT min(attempts) FROM event_outbox") > 2L * MAX_ATTEMPTS);
    assertThat(count("SELECT count(*) FROM effects")).isZero();

    long back = System.nanoTime();
    electing.set(false);
    awaitEffects(10);
    long publishedAfterMs = (System.nanoTime() - back) / 1_000_000;
    assertThat(publishedAfterMs).as("published within a few polls of the stream's return")
        .isLessThan(10 * settings.pollInterval().toMillis());
    assertThat(rows("SELECT n FROM effects ORDER BY n", null)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(count("SELECT count(*) FROM event_dead_letters")).isZero();
    awaitTrue(() -> count("SELECT count(*) FROM event_outbox WHERE published_at IS NULL") == 0);
  }

  @Test
  void publishedRowsAndAppliedIdsArePrunedAfterTheRetention() {
    ServiceEvents events = startService("svc", "thing.happened", EventPipelineTest::recordEffect);
    append(events.outbox(), "thing.happened", 1);
    awaitEffects(1);
    awaitTrue(() -> count("SELECT count(*) FROM event_outbox WHERE published_at IS NOT NULL") == 1);
    Outbox pending = new Outbox("other", () -> { });
    append(pending, "thing.unpublished", 2);
    sql("UPDATE event_outbox SET published_at = published_at - interval '2 hours' WHERE published_at IS NOT NULL");
    sql("UPDATE event_applied SET applied_at = applied_at - interval '2 hours'");
    Await.result(onContext(events::prune));
    assertThat(count("SELECT count(*) FROM event_applied")).isZero();
    // The unpublished event is kept, whatever its age.
    assertThat(rows("SELECT (data->>'n')::int FROM event_outbox", null)).containsExactly(2);
  }

  // ---- helpers ----

  DomainEvent append(Outbox outbox, String type, int n) {
    return Await.result(onContext(() -> pool.withTransaction(tx -> outbox.append(tx, type, new JsonObject().put("n", n)))));
  }

  protected <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  void sql(String statement) {
    Await.result(pool.query(statement).execute());
  }

  List<Row> query(String sql, Object parameter) {
    List<Row> rows = new ArrayList<>();
    Await.result(parameter == null ? pool.query(sql).execute() : pool.preparedQuery(sql).execute(Tuple.of(parameter)))
        .forEach(rows::add);
    return rows;
  }

  List<Integer> rows(String sql, Object parameter) {
    return query(sql, parameter).stream().map(row -> row.getInteger(0)).toList();
  }

  long count(String sql) {
    return query(sql, null).get(0).getLong(0);
  }

  void awaitEffects(long expected) {
    awaitTrue(() -> count("SELECT count(*) FROM effects") >= expected);
  }

  static void awaitTrue(java.util.function.BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + 20_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      sleep(50);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
