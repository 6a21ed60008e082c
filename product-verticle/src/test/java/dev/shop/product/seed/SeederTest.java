package dev.shop.product.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import dev.shop.common.testing.TestSettings;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;

class SeederTest {

  @Test
  void seedingTwiceReusesTheTreeAndAddsProducts() {
    Vertx vertx = Vertx.vertx();
    String url = TestDatabases.freshDatabase("seed");
    ShopConfig config = TestSettings.load(vertx, TestSettings.overrides().put(ConfigKeys.databaseUrl("product"), url));
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
    try {
      assertThat(Await.result(Seeder.seed(vertx, config, 1200))).isEqualTo(1200);
      Row first = counts(pool);
      assertThat(first.getLong("categories")).isGreaterThan(20);
      assertThat(first.getLong("depth")).isGreaterThanOrEqualTo(4);
      assertThat(first.getLong("products")).isEqualTo(1200);
      assertThat(first.getLong("vietnamese")).isPositive().isLessThan(1200);
      assertThat(first.getLong("uncategorised")).isZero();

      assertThat(Await.result(Seeder.seed(vertx, config, 300))).isEqualTo(300);
      Row second = counts(pool);
      assertThat(second.getLong("categories")).isEqualTo(first.getLong("categories"));
      assertThat(second.getLong("products")).isEqualTo(1500);
    } finally {
      Await.result(pool.close());
      vertx.close();
    }
  }

  private static Row counts(Pool pool) {
    return Await.result(pool.query("WITH RECURSIVE tree AS (SELECT id, 1 AS depth FROM categories WHERE parent_id IS NULL "
        + "UNION ALL SELECT c.id, t.depth + 1 FROM categories c JOIN tree t ON c.parent_id = t.id) "
        + "SELECT (SELECT count(*) FROM categories) AS categories, (SELECT max(depth) FROM tree) AS depth, "
        + "(SELECT count(*) FROM products) AS products, "
        + "(SELECT count(*) FROM products WHERE name <> shop_fold(name) AND name ~ '[^ -~]') AS vietnamese, "
        + "(SELECT count(*) FROM products WHERE category_id IS NULL) AS uncategorised").execute()).iterator().next();
  }
}
