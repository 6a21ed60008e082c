package dev.shop.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.db.Database;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * First deliveries that arrive together are applied in one transaction, and what goes wrong in
 * such a transaction costs no event anything: each is then applied alone, with its own attempts.
 */
class EventConsumerBatchTest {

  private static final int EVENTS = 40;

  private Vertx vertx;
  private Context context;
  private Pool pool;
  private EventConsumer consumer;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    pool = Await.result(Database.migrateAndConnect(vertx, "eventtest", TestDatabases.freshDatabase("batch"), 4));
    Await.result(pool.query("CREATE TABLE effects (event_id uuid NOT NULL, n integer NOT NULL, "
        + "tx bigint NOT NULL DEFAULT txid_current())").execute());
    consumer = new EventConsumer("svc", pool, 3);
  }

  @AfterEach
  void tearDown() {
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  @Test
  void eventsDeliveredTogetherAreAppliedOnceEachInFewerTransactions() {
    List<DomainEvent> events = events(EVENTS);
    List<Future<Void>> deliveries = deliverInOneTurn(events, this::recordEffect);

    assertThat(Await.result(Future.all(deliveries))).isNotNull();
    assertThat(effects()).hasSize(EVENTS).doesNotHaveDuplicates();
    assertThat(applied()).isEqualTo(EVENTS);
    // The first is applied alone as it comes; the others waited for it and go together.
    assertThat(count("SELECT count(DISTINCT tx) FROM effects")).isLessThanOrEqualTo(3);
  }

  @Test
  void theSameEventTwiceInOneBatchIsAppliedOnceAndBothDeliveriesSucceed() {
    List<DomainEvent> events = events(5);
    List<DomainEvent> twice = new ArrayList<>(events);
    twice.addAll(events);
    List<Future<Void>> deliveries = deliverInOneTurn(twice, this::recordEffect);

    Await.result(Future.all(deliveries));
    assertThat(effects()).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void anEventAlreadyAppliedIsNotAppliedAgainInABatch() {
    List<DomainEvent> events = events(10);
    Await.result(Future.all(deliverInOneTurn(events.subList(0, 4), this::recordEffect)));
    Await.result(Future.all(deliverInOneTurn(events, this::recordEffect)));
    assertThat(effects()).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void aFailingEventInABatchFailsAloneAndTheOthersAreApplied() {
    List<DomainEvent> events = events(EVENTS);
    UUID poison = events.get(EVENTS / 2).id();
    List<Future<Void>> deliveries = deliverInOneTurn(events, (tx, event) -> event.id().equals(poison)
        ? Future.failedFuture(new IllegalStateException("cannot apply " + event.id()))
        : recordEffect(tx, event));

    Await.result(Future.join(deliveries).otherwiseEmpty());
    for (int i = 0; i < EVENTS; i++) {
      assertThat(deliveries.get(i).succeeded()).as("delivery %d", i).isEqualTo(i != EVENTS / 2);
    }
    assertThat(deliveries.get(EVENTS / 2).cause()).hasMessageContaining("cannot apply");
    assertThat(effects()).hasSize(EVENTS - 1).doesNotHaveDuplicates();
    assertThat(applied()).isEqualTo(EVENTS - 1);
    assertThat(count("SELECT count(*) FROM event_dead_letters")).as("a first attempt is not the last").isZero();
  }

  @Test
  void aRedeliveryIsAppliedAloneAndDeadLetteredAtItsLastAttempt() {
    List<DomainEvent> events = events(EVENTS);
    DomainEvent poison = events.get(3);
    EventHandler handler = (tx, event) -> event.id().equals(poison.id())
        ? Future.failedFuture(new IllegalStateException("cannot apply"))
        : recordEffect(tx, event);
    List<Future<Void>> deliveries = onContext(() -> {
      List<Future<Void>> all = new ArrayList<>();
      events.forEach(event -> all.add(consumer.deliver(handler, event, event == poison ? 3 : 1)));
      return all;
    });
    Await.result(Future.join(deliveries).otherwiseEmpty());
    assertThat(deliveries).allMatch(Future::succeeded);
    assertThat(effects()).hasSize(EVENTS - 1);
    assertThat(count("SELECT count(*) FROM event_dead_letters WHERE attempts = 3")).isEqualTo(1);
  }

  private List<Future<Void>> deliverInOneTurn(List<DomainEvent> events, EventHandler handler) {
    return onContext(() -> events.stream().map(event -> consumer.deliver(handler, event, 1)).toList());
  }

  private Future<Void> recordEffect(SqlClient tx, DomainEvent event) {
    return tx.preparedQuery("INSERT INTO effects (event_id, n) VALUES ($1, $2)")
        .execute(Tuple.of(event.id(), event.data().getInteger("n"))).mapEmpty();
  }

  private static List<DomainEvent> events(int count) {
    List<DomainEvent> events = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      events.add(new DomainEvent(UUID.randomUUID(), "thing.happened", "test", Instant.now(),
          new JsonObject().put("n", n)));
    }
    return events;
  }

  private <T> T onContext(java.util.function.Supplier<T> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> done.complete(work.get()));
    return Await.result(done.future());
  }

  private List<UUID> effects() {
    List<UUID> ids = new ArrayList<>();
    Await.result(pool.query("SELECT event_id FROM effects").execute()).forEach(row -> ids.add(row.getUUID(0)));
    return ids;
  }

  private long applied() {
    return count("SELECT count(*) FROM event_applied");
  }

  private long count(String sql) {
    return Await.result(pool.query(sql).execute()).iterator().next().getLong(0);
  }
}
