package dev.shop.product.reservation;

import dev.shop.common.db.Rows;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The SQL of stock reservations. Every transaction that changes stock of several products locks
 * the reservation row first, then the products in id order (lines come sorted as PostgreSQL sorts
 * uuids, see {@link ReservationHandlers}), so concurrent reservations and releases never deadlock.
 */
public final class ReservationRepository {

  enum Status { PENDING, CONFIRMED, RELEASED }

  private final Pool pool;

  public ReservationRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Takes every line's quantity from stock, all or none, and records the reservation. A reservation
   * that exists for the order already is answered as it is (a retry takes nothing again). 404 for an
   * unknown product, 409 naming every product short of stock, 409 for a released reservation.
   */
  Future<List<ReservedLine>> reserve(UUID orderId, SortedMap<UUID, Integer> lines, int ttlSeconds) {
    return pool.withTransaction(connection -> connection
        .preparedQuery("INSERT INTO stock_reservations (order_id, status, expires_at) "
            + "VALUES ($1, 'PENDING', now() + $2 * interval '1 second') ON CONFLICT (order_id) DO NOTHING")
        .execute(Tuple.of(orderId, ttlSeconds))
        .compose(inserted -> inserted.rowCount() == 0
            ? existing(connection, orderId)
            : take(connection, orderId, lines)));
  }

  private static Future<List<ReservedLine>> existing(SqlConnection connection, UUID orderId) {
    return connection.preparedQuery("SELECT status FROM stock_reservations WHERE order_id = $1")
        .execute(Tuple.of(orderId))
        .compose(rows -> {
          if (Status.valueOf(rows.iterator().next().getString(0)) == Status.RELEASED) {
            return Future.failedFuture(ShopException.conflict("The reservation of this order was released"));
          }
          return connection.preparedQuery("SELECT " + ReservedLine.COLUMNS
                  + " FROM stock_reservation_items WHERE order_id = $1 ORDER BY product_id")
              .execute(Tuple.of(orderId))
              .map(items -> Rows.all(items, ReservedLine::from));
        });
  }

  /** One conditional decrement per line, in id order; then the lines that failed are explained. */
  private static Future<List<ReservedLine>> take(SqlConnection connection, UUID orderId,
      SortedMap<UUID, Integer> lines) {
    List<Tuple> decrements = new ArrayList<>();
    lines.forEach((productId, quantity) -> decrements.add(Tuple.of(productId, quantity)));
    return connection.preparedQuery("UPDATE products SET stock = stock - $2, updated_at = now() "
            + "WHERE id = $1 AND stock >= $2 RETURNING id AS product_id, price_int, sku, name, slug, image_urls")
        .executeBatch(decrements)
        .compose(results -> {
          List<ReservedLine> reserved = new ArrayList<>();
          List<UUID> failed = new ArrayList<>();
          RowSet<Row> result = results;
          for (Map.Entry<UUID, Integer> line : lines.entrySet()) {
            if (result.rowCount() == 0) {
              failed.add(line.getKey());
            } else {
              Row row = result.iterator().next();
              reserved.add(new ReservedLine(line.getKey(), line.getValue(), row.getLong("price_int"),
                  row.getString("sku"), row.getString("name"), row.getString("slug"),
                  List.of(row.getArrayOfStrings("image_urls"))));
            }
            result = result.next();
          }
          if (!failed.isEmpty()) {
            return explain(connection, failed, lines);
          }
          return connection.preparedQuery("INSERT INTO stock_reservation_items (order_id, " + ReservedLine.COLUMNS
                  + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
              .executeBatch(reserved.stream().map(line -> line.toTuple(orderId)).toList())
              .map(inserted -> reserved);
        });
  }

  /** Fails with 404 when a failed line's product does not exist, else 409 naming the short ones. */
  private static Future<List<ReservedLine>> explain(SqlConnection connection, List<UUID> failed,
      SortedMap<UUID, Integer> lines) {
    return connection.preparedQuery("SELECT id, stock FROM products WHERE id = ANY($1)")
        .execute(Tuple.of(failed.toArray(UUID[]::new)))
        .compose(rows -> {
          Map<UUID, Integer> stock = new HashMap<>();
          rows.forEach(row -> stock.put(row.getUUID("id"), row.getInteger("stock")));
          List<UUID> unknown = failed.stream().filter(id -> !stock.containsKey(id)).toList();
          if (!unknown.isEmpty()) {
            return Future.failedFuture(ShopException.notFound("Product not found: " + unknown.get(0)));
          }
          List<FieldError> shortOfStock = failed.stream().map(id -> new FieldError(id.toString(),
              "insufficient stock: " + stock.get(id) + " available, " + lines.get(id) + " requested")).toList();
          return Future.failedFuture(ShopException.conflict("Insufficient stock for " + shortOfStock.size()
              + (shortOfStock.size() == 1 ? " product" : " products"), shortOfStock));
        });
  }

  /** Marks the reservation CONFIRMED (again, harmlessly); 404 when unknown, 409 when released. */
  Future<Void> confirm(UUID orderId) {
    return pool.preparedQuery("UPDATE stock_reservations SET status = 'CONFIRMED', updated_at = now() "
            + "WHERE order_id = $1 AND status <> 'RELEASED' RETURNING status")
        .execute(Tuple.of(orderId))
        .compose(rows -> rows.rowCount() > 0 ? Future.succeededFuture() : status(orderId).map(found -> {
          throw found.isEmpty()
              ? ShopException.notFound("No reservation for this order")
              : ShopException.conflict("The reservation of this order was released");
        }));
  }

  private Future<List<Status>> status(UUID orderId) {
    return pool.preparedQuery("SELECT status FROM stock_reservations WHERE order_id = $1")
        .execute(Tuple.of(orderId))
        .map(rows -> Rows.all(rows, row -> Status.valueOf(row.getString(0))));
  }

  /**
   * Returns the reserved stock if the reservation is in one of {@code from}: the status changes in
   * the same transaction as the stock, so of any number of concurrent or repeated releases exactly
   * one returns it. True when this call returned it.
   */
  Future<Boolean> release(UUID orderId, List<Status> from) {
    String[] statuses = from.stream().map(Enum::name).toArray(String[]::new);
    return pool.withTransaction(connection -> connection
        .preparedQuery("UPDATE stock_reservations SET status = 'RELEASED', updated_at = now() "
            + "WHERE order_id = $1 AND status = ANY($2) RETURNING order_id")
        .execute(Tuple.of(orderId).addArrayOfString(statuses))
        .compose(changed -> changed.rowCount() == 0 ? Future.succeededFuture(false) : connection
            .preparedQuery("SELECT product_id, quantity FROM stock_reservation_items WHERE order_id = $1 "
                + "ORDER BY product_id")
            .execute(Tuple.of(orderId))
            .compose(items -> {
              List<Tuple> increments = new ArrayList<>();
              items.forEach(row -> increments.add(Tuple.of(row.getUUID(0), row.getInteger(1))));
              return increments.isEmpty() ? Future.succeededFuture(true) : connection
                  .preparedQuery("UPDATE products SET stock = stock + $2, updated_at = now() WHERE id = $1")
                  .executeBatch(increments)
                  .map(true);
            })));
  }

  /**
   * Claims up to {@code limit} expired PENDING reservations for one sweep: their expiry moves
   * {@code leaseSeconds} ahead, so another replica's sweeper skips them, and one whose sweep
   * failed comes back after the lease.
   */
  Future<List<UUID>> claimExpired(int limit, int leaseSeconds) {
    return pool.preparedQuery("UPDATE stock_reservations SET expires_at = now() + $2 * interval '1 second' "
            + "WHERE order_id IN (SELECT order_id FROM stock_reservations WHERE status = 'PENDING' "
            + "AND expires_at <= now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING order_id")
        .execute(Tuple.of(limit, leaseSeconds))
        .map(rows -> Rows.all(rows, row -> row.getUUID(0)));
  }
}
