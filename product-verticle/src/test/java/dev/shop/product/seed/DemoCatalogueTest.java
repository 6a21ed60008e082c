package dev.shop.product.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.db.Database;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;

class DemoCatalogueTest {

  @Test
  void instancesStartingTogetherOnAnEmptyDatabaseAddTheDemoCatalogueOnce() {
    Vertx vertx = Vertx.vertx();
    String url = TestDatabases.freshDatabase("demo");
    // A pool of one connection, as small as a service's may be: the lock is held on a connection of its own.
    Pool pool = Await.result(Database.migrateAndConnect(vertx, "product", url, 1));
    try {
      Future<Integer> first = DemoCatalogue.addIfEmpty(vertx, pool, url);
      Future<Integer> second = DemoCatalogue.addIfEmpty(vertx, pool, url);
      Await.result(Future.join(first, second));
      assertThat(first.result() + second.result()).isEqualTo(DemoCatalogue.PRODUCTS);
      assertThat(Math.min(first.result(), second.result())).isZero();
      assertThat(productCount(pool)).isEqualTo(DemoCatalogue.PRODUCTS);

      assertThat(Await.result(DemoCatalogue.addIfEmpty(vertx, pool, url))).as("a later start").isZero();
      assertThat(productCount(pool)).isEqualTo(DemoCatalogue.PRODUCTS);
    } finally {
      Await.result(pool.close());
      vertx.close();
    }
  }

  private static long productCount(Pool pool) {
    return Await.result(pool.query("SELECT count(*) FROM products").execute()).iterator().next().getLong(0);
  }
}
