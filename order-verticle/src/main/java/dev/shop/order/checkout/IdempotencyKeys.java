package dev.shop.order.checkout;

import dev.shop.common.db.Pruning;
import dev.shop.common.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of checkout idempotency keys, scoped to a user and kept for {@code kept}
 * ({@code SHOP_IDEMPOTENCY_KEY_KEPT_SECONDS}, 24 hours): after that a key may be used afresh, and
 * {@link #pruning} deletes its row. A key still IN_PROGRESS after {@link #ABANDONED_AFTER} belongs to a checkout
 * that died before writing its order (the order and COMPLETED are written together; every step
 * of a checkout has a bus or database timeout far shorter), so it is free again too; the product
 * service releases that checkout's reservation on its own.
 */
public final class IdempotencyKeys {

  /** A key already in use: the hash of its request and, once its checkout finished, the order. */
  record Used(byte[] requestHash, UUID orderId) {

    boolean sameRequest(byte[] hash) {
      return Arrays.equals(requestHash, hash);
    }

    boolean finished() {
      return orderId != null;
    }
  }

  private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

  private final Pool pool;
  private final Duration kept;

  IdempotencyKeys(Pool pool, Duration kept) {
    this.pool = pool;
    this.kept = kept;
  }

  /**
   * Deletes the keys older than {@code kept}: free again already, so their rows only take room. A
   * key taken afresh while the delete waited has a new {@code created_at} and stays. Deletes too
   * the discarded orders ({@code order.exists} answered them as missing) older than {@code kept},
   * and never younger than {@link #ABANDONED_AFTER}: their checkouts are over, so none can still
   * try to write the order.
   */
  public static Pruning pruning(Pool pool, String service, Duration kept) {
    Duration discardedKept = kept.compareTo(ABANDONED_AFTER) > 0 ? kept : ABANDONED_AFTER;
    return new Pruning(pool, service, kept, List.of(new Pruning.Rule("idempotencyKeys",
        "DELETE FROM idempotency_keys WHERE (user_id, key) IN (SELECT user_id, key FROM idempotency_keys "
            + "WHERE created_at < now() - $1 * interval '1 millisecond' LIMIT $2) "
            + "AND created_at < now() - $1 * interval '1 millisecond'", kept),
        new Pruning.Rule("discardedOrders", "DELETE FROM discarded_orders WHERE order_id IN (SELECT order_id "
            + "FROM discarded_orders WHERE discarded_at < now() - $1 * interval '1 millisecond' LIMIT $2)",
            discardedKept)));
  }

  /**
   * Takes the key for a new checkout: empty when this request got it (the row is IN_PROGRESS),
   * else how it is used. Of racing requests, the primary key lets exactly one in.
   */
  Future<Optional<Used>> claim(UUID userId, String key, byte[] requestHash) {
    return pool.preparedQuery("INSERT INTO idempotency_keys (user_id, key, request_hash, status) "
            + "VALUES ($1, $2, $3, 'IN_PROGRESS') ON CONFLICT (user_id, key) DO UPDATE "
            + "SET request_hash = EXCLUDED.request_hash, status = 'IN_PROGRESS', order_id = NULL, created_at = now() "
            + "WHERE idempotency_keys.created_at < now() - $4 * interval '1 millisecond' "
            + "OR (idempotency_keys.status = 'IN_PROGRESS' "
            + "AND idempotency_keys.created_at < now() - interval '" + ABANDONED_AFTER.toSeconds() + " seconds')")
        .execute(Tuple.of(userId, key, Buffer.buffer(requestHash), kept.toMillis()))
        .compose(claimed -> claimed.rowCount() > 0 ? Future.succeededFuture(Optional.<Used>empty())
            : pool.preparedQuery("SELECT request_hash, order_id FROM idempotency_keys WHERE user_id = $1 AND key = $2")
                .execute(Tuple.of(userId, key))
                .compose(rows -> {
                  Optional<Used> used = Rows.first(rows, row -> new Used(row.getBuffer(0).getBytes(), row.getUUID(1)));
                  // Its first request failed and let the key go in between: take it now.
                  return used.isPresent() ? Future.succeededFuture(used) : claim(userId, key, requestHash);
                }));
  }

  /** Marks the key's checkout finished with {@code orderId}, inside the order's transaction. */
  Future<Void> complete(SqlClient client, UUID userId, String key, UUID orderId) {
    return client.preparedQuery("UPDATE idempotency_keys SET status = 'COMPLETED', order_id = $3 "
            + "WHERE user_id = $1 AND key = $2")
        .execute(Tuple.of(userId, key, orderId))
        .mapEmpty();
  }

  /** Lets the key go after its checkout failed, so the client may retry with it. */
  Future<Void> release(UUID userId, String key) {
    return pool.preparedQuery("DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2")
        .execute(Tuple.of(userId, key))
        .mapEmpty();
  }
}
