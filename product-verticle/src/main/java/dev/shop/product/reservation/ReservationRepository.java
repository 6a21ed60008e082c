package dev.shop.product.reservation;

import dev.shop.common.db.Rows;
import dev.shop.common.db.Transactions;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.contract.product.ReservedLine;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The SQL of stock reservations. Every transaction that changes stock of several products locks
 * the reservation row first, then the products in id order (a release reads its lines sorted as
 * PostgreSQL sorts uuids; {@code reserve_stock} locks them in that order), so concurrent
 * reservations and releases never deadlock.
 */
public final class ReservationRepository {

  enum Status { PENDING, CONFIRMED, RELEASED }

  /** The columns of a reserved line: the quantity held and the product as it was when reserved. */
  private static final String LINE_COLUMNS = "product_id, quantity, price_int, sku, name, slug, image_urls";

  private final Pool pool;

  public ReservationRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Takes every line's quantity from stock, all or none, and records the reservation, in one
   * statement ({@code reserve_stock}, V9). A reservation that exists for the order already is
   * answered as it is (a retry takes nothing again). 404 for an unknown product, 409 naming every
   * product short of stock, 409 for a released reservation.
   */
  Future<List<ReservedLine>> reserve(UUID orderId, SortedMap<UUID, Integer> lines, int ttlSeconds) {
    return pool.preparedQuery("SELECT outcome, " + LINE_COLUMNS + ", stock FROM reserve_stock($1, $2, $3, $4)")
        .execute(Tuple.of(orderId, lines.keySet().toArray(UUID[]::new), lines.values().toArray(Integer[]::new),
            ttlSeconds))
        .compose(rows -> {
          List<ReservedLine> reserved = new ArrayList<>();
          List<UUID> unknown = new ArrayList<>();
          List<FieldError> shortOfStock = new ArrayList<>();
          for (Row row : rows) {
            switch (row.getString("outcome")) {
              case "reserved", "kept" -> reserved.add(reservedLine(row));
              case "released" -> {
                return Future.failedFuture(ShopException.conflict("The reservation of this order was released"));
              }
              case "missing" -> unknown.add(row.getUUID("product_id"));
              case "short" -> shortOfStock.add(new FieldError(row.getUUID("product_id").toString(),
                  "insufficient stock: " + row.getInteger("stock") + " available, " + row.getInteger("quantity")
                      + " requested"));
              default -> throw new IllegalStateException("reserve_stock answered " + row.getString("outcome"));
            }
          }
          if (!unknown.isEmpty()) {
            return Future.failedFuture(ShopException.notFound("Product not found: " + unknown.get(0)));
          }
          if (!shortOfStock.isEmpty()) {
            return Future.failedFuture(ShopException.conflict("Insufficient stock for " + shortOfStock.size()
                + (shortOfStock.size() == 1 ? " product" : " products"), shortOfStock));
          }
          return Future.succeededFuture(reserved);
        });
  }

  private static ReservedLine reservedLine(Row row) {
    String[] images = row.getArrayOfStrings("image_urls");
    return new ReservedLine(row.getUUID("product_id"), row.getInteger("quantity"), row.getLong("price_int"),
        row.getString("sku"), row.getString("name"), row.getString("slug"),
        images == null ? List.of() : List.of(images));
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
    return Transactions.inTransaction(pool, connection -> connection
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
