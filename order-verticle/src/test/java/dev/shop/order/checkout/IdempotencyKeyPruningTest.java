package dev.shop.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.db.Database;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import dev.shop.order.OrderVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idempotency keys past their time are deleted (they were free again already); a key still in
 * its time stays and still answers its order; the time is the setting's, for both.
 */
class IdempotencyKeyPruningTest {

  private static final Duration KEPT = Duration.ofHours(24);

  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = Await.result(Database.migrateAndConnect(vertx, OrderVerticle.SERVICE,
        TestDatabases.freshDatabase("idempotency_key_pruning"), 2));
  }

  @AfterAll
  static void stop() {
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  private static UUID completedKey(String key, Duration age) {
    UUID user = UUID.randomUUID();
    Await.result(pool.preparedQuery("INSERT INTO idempotency_keys (user_id, key, request_hash, status, order_id, "
            + "created_at) VALUES ($1, $2, $3, 'COMPLETED', $4, now() - $5 * interval '1 second')")
        .execute(Tuple.of(user, key, Buffer.buffer(new byte[] {1}), UUID.randomUUID(), age.toSeconds())));
    return user;
  }

  private static long count(UUID user) {
    return Await.result(pool.preparedQuery("SELECT count(*) FROM idempotency_keys WHERE user_id = $1")
        .execute(Tuple.of(user))).iterator().next().getLong(0);
  }

  @Test
  void keysPastTheirTimeGoAndKeysInTheirTimeStillAnswerTheirOrder() {
    UUID expired = completedKey("old", KEPT.plusMinutes(1));
    UUID fresh = completedKey("recent", KEPT.minusMinutes(1));

    Map<String, Integer> deleted = Await.result(IdempotencyKeys.pruning(pool, OrderVerticle.SERVICE, KEPT).prune());

    assertThat(deleted.get("idempotencyKeys")).isPositive();
    assertThat(count(expired)).isZero();
    assertThat(count(fresh)).isEqualTo(1);
    Optional<IdempotencyKeys.Used> used = Await.result(new IdempotencyKeys(pool, KEPT).claim(fresh, "recent",
        new byte[] {1}));
    assertThat(used).as("a key in its time answers its order").hasValueSatisfying(key -> assertThat(key.finished())
        .isTrue());
  }

  @Test
  void discardedOrdersGoOnceTheirCheckoutsAreLongOver() {
    UUID old = discardedOrder(KEPT.plusMinutes(1));
    UUID recent = discardedOrder(KEPT.minusMinutes(1));
    UUID justNow = discardedOrder(Duration.ofMinutes(5));

    Map<String, Integer> deleted = Await.result(IdempotencyKeys.pruning(pool, OrderVerticle.SERVICE, KEPT).prune());
    Await.result(IdempotencyKeys.pruning(pool, OrderVerticle.SERVICE, Duration.ofMinutes(1)).prune());

    assertThat(deleted.get("discardedOrders")).isPositive();
    assertThat(discarded(old)).isZero();
    assertThat(discarded(recent)).as("gone with a one-minute time: older than ten minutes").isZero();
    assertThat(discarded(justNow)).as("kept at least ten minutes, whatever the keys' time").isEqualTo(1);
  }

  private static UUID discardedOrder(Duration age) {
    UUID order = UUID.randomUUID();
    Await.result(pool.preparedQuery("INSERT INTO discarded_orders (order_id, discarded_at) "
        + "VALUES ($1, now() - $2 * interval '1 second')").execute(Tuple.of(order, age.toSeconds())));
    return order;
  }

  private static long discarded(UUID order) {
    return Await.result(pool.preparedQuery("SELECT count(*) FROM discarded_orders WHERE order_id = $1")
        .execute(Tuple.of(order))).iterator().next().getLong(0);
  }

  @Test
  void aShorterTimeFreesAKeySoonerForACheckoutAsWell() {
    UUID user = completedKey("short", Duration.ofMinutes(2));
    Duration minute = Duration.ofMinutes(1);
    assertThat(Await.result(new IdempotencyKeys(pool, minute).claim(user, "short", new byte[] {2})))
        .as("past a one-minute time the key is taken afresh").isEmpty();
  }
}
