package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
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
