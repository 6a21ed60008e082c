package dev.shop.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.cart.CartVerticle;
import dev.shop.common.db.Database;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Anonymous carts unchanged for the kept time go with their lines; a fresher session cart and a
 * user's cart, however old, stay.
 */
class SessionCartPruningTest {

  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = Await.result(Database.migrateAndConnect(vertx, CartVerticle.SERVICE,
        TestDatabases.freshDatabase("session_cart_pruning"), 2));
  }

  @AfterAll
  static void stop() {
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  private static UUID cart(String owner, boolean user, Duration untouchedFor) {
    UUID id = UUID.randomUUID();
    Await.result(pool.preparedQuery("INSERT INTO carts (id, user_id, session_id, updated_at) VALUES ($1, $2, $3, "
            + "now() - $4 * interval '1 second')")
        .execute(Tuple.of(id, user ? UUID.randomUUID() : null, user ? null : owner, untouchedFor.toSeconds())));
    Await.result(pool.preparedQuery("INSERT INTO cart_items (id, cart_id, product_id, quantity, price_int) "
            + "VALUES ($1, $2, $3, 1, 1000)").execute(Tuple.of(UUID.randomUUID(), id, UUID.randomUUID())));
    return id;
  }

  private static long count(String sql, UUID cart) {
    return Await.result(pool.preparedQuery(sql).execute(Tuple.of(cart))).iterator().next().getLong(0);
  }

  @Test
  void onlyAbandonedSessionCartsGoWithTheirLines() {
    UUID abandoned = cart("session-" + UUID.randomUUID(), false, Duration.ofDays(31));
    UUID recent = cart("session-" + UUID.randomUUID(), false, Duration.ofDays(29));
    UUID oldUserCart = cart(null, true, Duration.ofDays(400));

    Map<String, Integer> deleted = Await.result(SessionCartPruning.of(pool, CartVerticle.SERVICE, Duration.ofDays(30))
        .prune());

    assertThat(deleted).containsEntry("sessionCarts", 1);
    assertThat(count("SELECT count(*) FROM carts WHERE id = $1", abandoned)).isZero();
    assertThat(count("SELECT count(*) FROM cart_items WHERE cart_id = $1", abandoned)).as("its lines").isZero();
    assertThat(count("SELECT count(*) FROM carts WHERE id = $1", recent)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM cart_items WHERE cart_id = $1", recent)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM carts WHERE id = $1", oldUserCart)).as("a user's cart stays").isEqualTo(1);
  }
}
