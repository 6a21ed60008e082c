package dev.shop.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Deletes rows that are no longer needed in batches, each its own short statement, so pruning a
 * large backlog never holds locks on a big table for long nor builds one huge transaction.
 */
public final class BatchedDelete {

  /** Rows deleted by one statement. */
  public static final int BATCH = 10_000;

  private BatchedDelete() {
  }

  /**
   * Runs {@code sql} until a batch comes back short and answers the rows deleted. The statement
   * takes the cut-off age in milliseconds as {@code $1} and the batch size as {@code $2}: {@code
   * DELETE FROM t WHERE id IN (SELECT id FROM t WHERE at < now() - $1 * interval '1 millisecond'
   * LIMIT $2)}.
   */
  public static Future<Integer> olderThan(Pool pool, String sql, long ageMs) {
    return pool.preparedQuery(sql).execute(Tuple.of(ageMs, BATCH)).compose(rows -> rows.rowCount() < BATCH
        ? Future.succeededFuture(rows.rowCount())
        : olderThan(pool, sql, ageMs).map(more -> more + rows.rowCount()));
  }
}
