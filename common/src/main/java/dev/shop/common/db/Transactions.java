package dev.shop.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.function.Function;

/**
 * Transactions whose BEGIN travels with their first statements. {@link Pool#withTransaction}
 * waits for BEGIN's answer before it runs the work: a round trip of its own, and under load a
 * wake-up of the event loop and of the PostgreSQL backend each, for nothing. Here the work's
 * statements are queued on the connection right behind BEGIN and leave in the same write; the
 * transaction is committed when the work's future succeeds and rolled back when it fails, exactly
 * as with {@code withTransaction}.
 */
public final class Transactions {

  private Transactions() {
  }

  public static <T> Future<T> inTransaction(Pool pool, Function<SqlConnection, Future<T>> work) {
    return pool.getConnection().compose(connection -> {
      Future<Transaction> begun = connection.begin();
      Future<T> done = run(work, connection);
      return Future.all(begun, done)
          .compose(both -> begun.result().commit().map(done.result()),
              failure -> (begun.succeeded() ? begun.result().rollback().otherwiseEmpty() : Future.succeededFuture())
                  .compose(rolledBack -> Future.<T>failedFuture(done.failed() ? done.cause() : failure)))
          .eventually(connection::close);
    });
  }

  private static <T> Future<T> run(Function<SqlConnection, Future<T>> work, SqlConnection connection) {
    try {
      return work.apply(connection);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
