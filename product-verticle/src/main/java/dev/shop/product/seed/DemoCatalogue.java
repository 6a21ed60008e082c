package dev.shop.product.seed;

import dev.shop.common.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo catalogue of {@code SHOP_DEMO_DATA} (on in dev mode): when the product database has
 * neither categories nor products, the service adds the seed's category tree and
 * {@link #PRODUCTS} products at start, so a first start shows a browsable shop.
 */
public final class DemoCatalogue {

  private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);
  /** Products of the demo catalogue. */
  static final int PRODUCTS = 200;
  /** The advisory lock under which a start checks for and adds the demo catalogue. */
  private static final long DEMO_LOCK = 0x5348_4f50_4445_4d4fL;

  private DemoCatalogue() {
  }

  /**
   * Adds the demo catalogue through {@code pool} (the service's) if the database at {@code url} is
   * empty; answers how many products were added. Checked and added while a connection of its own
   * holds an advisory lock, so the instances and replicas starting together add it once. That
   * connection is not one of the pool's: instances waiting for the lock must not hold the
   * connections the seeding needs.
   */
  public static Future<Integer> addIfEmpty(Vertx vertx, Pool pool, String url) {
    return PgConnection.connect(vertx, Database.connectOptions(url))
        .compose(lock -> lock.begin().compose(transaction -> lock
                .query("SELECT pg_advisory_xact_lock(" + DEMO_LOCK + ")").execute()
                .compose(locked -> lock.query(
                    "SELECT EXISTS (SELECT 1 FROM products) OR EXISTS (SELECT 1 FROM categories)").execute())
                .compose(rows -> rows.iterator().next().getBoolean(0) ? Future.succeededFuture(0)
                    : new Seeder(pool, new SeedProgress(false)).fill(PRODUCTS))
                // Ending the transaction releases the lock; it wrote nothing.
                .eventually(transaction::commit))
            .eventually(lock::close))
        .onSuccess(added -> {
          if (added > 0) {
            log.atInfo().addKeyValue("products", added).log("empty catalogue: demo products added (SHOP_DEMO_DATA)");
          }
        });
  }
}
