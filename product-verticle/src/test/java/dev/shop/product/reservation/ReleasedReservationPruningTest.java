package dev.shop.product.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.db.Database;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import dev.shop.product.ProductVerticle;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Released reservations older than the kept time go with their lines; a recent release, a
 * confirmed reservation and a pending one, however old, stay; a release asked again for a pruned
 * reservation releases nothing.
 */
class ReleasedReservationPruningTest {

  private static final Duration KEPT = Duration.ofDays(7);

  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = Await.result(Database.migrateAndConnect(vertx, ProductVerticle.SERVICE,
        TestDatabases.freshDatabase("released_reservation_pruning"), 2));
  }

  @AfterAll
  static void stop() {
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  private static UUID reservation(String status, Duration settledFor) {
    UUID order = UUID.randomUUID();
    Await.result(pool.preparedQuery("INSERT INTO stock_reservations (order_id, status, expires_at, updated_at) "
            + "VALUES ($1, $2, now(), now() - $3 * interval '1 second')")
        .execute(Tuple.of(order, status, settledFor.toSeconds())));
    Await.result(pool.preparedQuery("INSERT INTO stock_reservation_items (order_id, product_id, quantity, price_int, "
            + "sku, name, slug, image_urls) VALUES ($1, $2, 1, 1000, 'SKU', 'name', 'slug', '{}')")
        .execute(Tuple.of(order, UUID.randomUUID())));
    return order;
  }

  private static long count(String table, UUID order) {
    return Await.result(pool.preparedQuery("SELECT count(*) FROM " + table + " WHERE order_id = $1")
        .execute(Tuple.of(order))).iterator().next().getLong(0);
  }

  @Test
  void onlyReleasesOlderThanTheKeptTimeGoWithTheirLines() {
    UUID oldRelease = reservation("RELEASED", KEPT.plusHours(1));
    UUID recentRelease = reservation("RELEASED", KEPT.minusHours(1));
    UUID oldConfirmed = reservation("CONFIRMED", Duration.ofDays(400));
    UUID oldPending = reservation("PENDING", Duration.ofDays(400));

    Map<String, Integer> deleted = Await.result(ReleasedReservationPruning.of(pool, ProductVerticle.SERVICE, KEPT)
        .prune());

    assertThat(deleted.get("releasedReservations")).isPositive();
    assertThat(count("stock_reservations", oldRelease)).isZero();
    assertThat(count("stock_reservation_items", oldRelease)).as("its lines").isZero();
    for (UUID kept : List.of(recentRelease, oldConfirmed, oldPending)) {
      assertThat(count("stock_reservations", kept)).isEqualTo(1);
      assertThat(count("stock_reservation_items", kept)).isEqualTo(1);
    }
    assertThat(Await.result(new ReservationRepository(pool).release(oldRelease,
        List.of(ReservationRepository.Status.PENDING, ReservationRepository.Status.CONFIRMED))))
        .as("a release asked again for a pruned reservation").isFalse();
  }
}
