package dev.shop.product.product;

import dev.shop.common.id.Ids;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The bulk path of products, which seeding takes: a batch of rows in one round trip, and no
 * events. What the events would tell is either kept by PostgreSQL itself or not needed (why, in
 * docs/catalogue.md, "Seed"): the answers, search text and catalogue versions are generated
 * columns and triggers of the products table, so lists, search and kept pages see the rows as
 * they see any insert; the one consumer of {@code product.created}, the report service, names a
 * product it was never told about from its order lines.
 */
public final class ProductImport {

  private final Pool pool;

  public ProductImport(Pool pool) {
    this.pool = pool;
  }

  /**
   * Inserts many products in one batch, each with its explicit slug; products whose sku or slug
   * exists already are skipped. Answers how many were inserted.
   */
  public Future<Integer> insertAll(List<NewProduct> products) {
    List<Tuple> tuples = products.stream()
        .map(p -> ProductRepository.insertTuple(Ids.newId(), p.slug().slug(), p)).toList();
    return pool.preparedQuery(ProductRepository.INSERT_ROW + " ON CONFLICT DO NOTHING")
        .executeBatch(tuples)
        .map(ProductImport::batchRowCount);
  }

  private static int batchRowCount(RowSet<Row> rows) {
    int inserted = 0;
    for (RowSet<Row> batch = rows; batch != null; batch = batch.next()) {
      inserted += batch.rowCount();
    }
    return inserted;
  }
}
