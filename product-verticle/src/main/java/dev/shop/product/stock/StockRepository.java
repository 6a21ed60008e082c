package dev.shop.product.stock;

import dev.shop.common.error.ShopException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** The SQL of stock levels. */
public final class StockRepository {

  private final Pool pool;

  public StockRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Adds {@code delta} (negative to remove) in one conditional statement, so concurrent
   * adjustments never take the stock below zero or lose an update: the row lock serialises them
   * and each sees the others' results. 409 when the stock would leave 0..2^31-1; empty when the
   * product does not exist.
   */
  Future<Optional<StockChange>> adjust(UUID productId, int delta) {
    return pool.preparedQuery("UPDATE products SET stock = stock + $2, updated_at = now() "
            + "WHERE id = $1 AND stock::bigint + $2 BETWEEN 0 AND 2147483647 RETURNING stock")
        .execute(Tuple.of(productId, delta))
        .compose(rows -> {
          if (rows.rowCount() > 0) {
            int newStock = rows.iterator().next().getInteger(0);
            return Future.succeededFuture(Optional.of(new StockChange(productId, newStock - delta, newStock, delta)));
          }
          return pool.preparedQuery("SELECT stock FROM products WHERE id = $1").execute(Tuple.of(productId))
              .map(existing -> {
                if (existing.rowCount() == 0) {
                  return Optional.<StockChange>empty();
                }
                int stock = existing.iterator().next().getInteger(0);
                throw delta < 0
                    ? ShopException.conflict("Insufficient stock: " + stock + " available, " + -delta + " requested")
                    : ShopException.conflict("Stock cannot exceed " + Integer.MAX_VALUE);
              });
        });
  }
}
