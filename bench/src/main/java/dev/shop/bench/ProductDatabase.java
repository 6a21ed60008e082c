package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The product service's database, read directly: what the catalogue holds (faster and more
 * complete than paging through the API) and stock levels to audit checkouts against.
 */
final class ProductDatabase {

  private final Pool pool;

  ProductDatabase(Vertx vertx, String url) {
    this.pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
        .connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
  }

  Future<Catalogue> catalogue() {
    Future<String[]> all = strings("SELECT id::text FROM products");
    Future<String[]> inStock = strings("SELECT id::text FROM products WHERE stock > 0");
    Future<String[]> slugs = strings("SELECT slug FROM categories");
    return Future.all(all, inStock, slugs).map(v -> {
      if (all.result().length == 0 || inStock.result().length == 0) {
        throw new IllegalStateException("The catalogue is empty: seed it first (shop.jar seed --products N)");
      }
      return new Catalogue(all.result(), inStock.result(), slugs.result());
    });
  }

  /**
   * Every process of the PostgreSQL server (the platform's embedded one), by pid: the database a
   * client backend serves, or "" for the server's own processes.
   */
  Future<Map<Long, String>> serverProcesses() {
    return pool.query("SELECT pid, CASE WHEN backend_type = 'client backend' THEN datname ELSE '' END "
            + "FROM pg_stat_activity").execute()
        .map(rows -> {
          Map<Long, String> processes = new HashMap<>();
          rows.forEach(row -> processes.put(row.getInteger(0).longValue(), row.getString(1) == null ? ""
              : row.getString(1)));
          return processes;
        });
  }

  /** The stock of each product named. */
  Future<Map<String, Integer>> stock(String[] productIds) {
    UUID[] ids = new UUID[productIds.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = UUID.fromString(productIds[i]);
    }
    return pool.preparedQuery("SELECT id::text, stock FROM products WHERE id = ANY($1)").execute(Tuple.of(ids))
        .map(rows -> {
          Map<String, Integer> stock = new HashMap<>();
          for (Row row : rows) {
            stock.put(row.getString(0), row.getInteger(1));
          }
          return stock;
        });
  }

  /**
   * The units of {@code productId} held by reservations made since {@code since} and still PENDING
   * for an order that was not answered as made ({@code made}): taken from the stock and in no
   * order. A made order's
   * reservation stays PENDING until the product service's sweeper settles it (the order's existence
   * is what keeps its units), so those are sold, not held.
   */
  Future<Long> heldUnits(String productId, OffsetDateTime since, List<UUID> made) {
    return pool.preparedQuery("SELECT coalesce(sum(i.quantity), 0) FROM stock_reservation_items i "
            + "JOIN stock_reservations r ON r.order_id = i.order_id WHERE i.product_id = $1 AND r.status = 'PENDING' "
            + "AND r.created_at >= $2 AND NOT r.order_id = ANY($3)")
        .execute(Tuple.of(UUID.fromString(productId), since, made.toArray(UUID[]::new)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** How many products a listing without filters, or of one category's subtree, holds. */
  Future<Long> countProducts(String categorySlug) {
    if (categorySlug == null) {
      return pool.query("SELECT count(*) FROM products").execute().map(rows -> rows.iterator().next().getLong(0));
    }
    return pool.preparedQuery("WITH RECURSIVE subtree AS (SELECT id FROM categories WHERE slug = $1 "
            + "UNION ALL SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id) "
            + "SELECT count(*) FROM products WHERE category_id IN (SELECT id FROM subtree)")
        .execute(Tuple.of(categorySlug)).map(rows -> rows.iterator().next().getLong(0));
  }

  Future<Void> close() {
    return pool.close();
  }

  private Future<String[]> strings(String sql) {
    return pool.query(sql).execute().map(rows -> {
      String[] values = new String[rows.size()];
      int i = 0;
      for (Row row : rows) {
        values[i++] = row.getString(0);
      }
      return values;
    });
  }
}
