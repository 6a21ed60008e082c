package dev.shop.product.reservation;

import dev.shop.common.db.GroupCommit;
import dev.shop.common.db.Rows;
import dev.shop.common.db.Transactions;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.contract.product.ReservedLine;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
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

  private static final String RESERVE = "SELECT outcome, " + LINE_COLUMNS + ", stock FROM reserve_stock($1, $2, $3, $4, $5)";
  /** The most reservations written in one transaction. */
  static final int RESERVE_GROUP_MAX = 64;

  private final Pool pool;
  private final GroupCommit<Reservation, Outcome> reservations;

  public ReservationRepository(Pool pool) {
    this.pool = pool;
    // A reservation made again is answered as made (its order's id is its key), whatever became of its group.
    this.reservations = new GroupCommit<>(RESERVE_GROUP_MAX, this::reserveTogether, this::reserveAlone,
        failure -> true);
  }

  /**
   * Takes every line's quantity from stock, all or none, and records the reservation, in one
   * statement ({@code reserve_stock}, V9). A reservation that exists for the order already is
   * answered as it is (a retry takes nothing again). 404 for an unknown product, 409 naming every
   * product short of stock, 409 for a released reservation. Reservations that arrive while others
   * are being written share the next transaction ({@link #reserveTogether}).
   */
  Future<List<ReservedLine>> reserve(UUID orderId, SortedMap<UUID, Integer> lines, int ttlSeconds) {
    return reservations.submit(new Reservation(orderId, lines, ttlSeconds)).compose(Outcome::result);
  }

  /** A reservation asked for. */
  private record Reservation(UUID orderId, SortedMap<UUID, Integer> lines, int ttlSeconds) {

    /** {@code reserve_stock}'s arguments; {@code productsLocked}: the transaction holds the products' locks already. */
    Tuple parameters(boolean productsLocked) {
      return Tuple.of(orderId, lines.keySet().toArray(UUID[]::new), lines.values().toArray(Integer[]::new),
          ttlSeconds, productsLocked);
    }
  }

  /** What {@code reserve_stock} answered one reservation: its lines, or why it was refused. */
  private record Outcome(List<ReservedLine> reserved, ShopException refused) {

    Future<List<ReservedLine>> result() {
      return refused == null ? Future.succeededFuture(reserved) : Future.failedFuture(refused);
    }
  }

  /** One reservation in a statement of its own (committed by itself). */
  private Future<Outcome> reserveAlone(Reservation reservation) {
    return pool.preparedQuery(RESERVE).execute(reservation.parameters(false)).map(ReservationRepository::outcome);
  }

  /**
   * Reservations in one transaction: the products of all of them locked first, in id order (as
   * every other writer of several products locks them), then each one's {@code reserve_stock},
   * pipelined, told that its products are locked (V12: no refusal from a snapshot, no lock of its
   * own); one commit, so one bump of the catalogue's answers version, for all. A refusal (short of
   * stock, unknown product) is one reservation's outcome, writes nothing, and leaves the others be.
   */
  private Future<List<Outcome>> reserveTogether(List<Reservation> group) {
    UUID[] products = group.stream().flatMap(reservation -> reservation.lines().keySet().stream()).distinct()
        .toArray(UUID[]::new);
    return Transactions.inTransaction(pool, tx -> {
      Future<RowSet<Row>> locked = tx.preparedQuery("SELECT 1 FROM products WHERE id = ANY($1) ORDER BY id FOR UPDATE")
          .execute(Tuple.of(products));
      List<Future<RowSet<Row>>> answers = group.stream()
          .map(reservation -> tx.preparedQuery(RESERVE).execute(reservation.parameters(true))).toList();
      return locked.compose(first -> Future.all(answers))
          .map(all -> answers.stream().map(answer -> outcome(answer.result())).toList());
    });
  }

  private static Outcome outcome(RowSet<Row> rows) {
    List<ReservedLine> reserved = new ArrayList<>();
    List<UUID> unknown = new ArrayList<>();
    List<FieldError> shortOfStock = new ArrayList<>();
    for (Row row : rows) {
      switch (row.getString("outcome")) {
        case "reserved", "kept" -> reserved.add(reservedLine(row));
        case "released" -> {
          return new Outcome(null, ShopException.conflict("The reservation of this order was released"));
        }
        case "missing" -> unknown.add(row.getUUID("product_id"));
        case "short" -> shortOfStock.add(new FieldError(row.getUUID("product_id").toString(),
            "insufficient stock: " + row.getInteger("stock") + " available, " + row.getInteger("quantity")
                + " requested"));
        default -> throw new IllegalStateException("reserve_stock answered " + row.getString("outcome"));
      }
    }
    if (!unknown.isEmpty()) {
      return new Outcome(null, ShopException.notFound("Product not found: " + unknown.get(0)));
    }
    if (!shortOfStock.isEmpty()) {
      return new Outcome(null, ShopException.conflict("Insufficient stock for " + shortOfStock.size()
          + (shortOfStock.size() == 1 ? " product" : " products"), shortOfStock));
    }
    return new Outcome(reserved, null);
  }

  private static ReservedLine reservedLine(Row row) {
    String[] images = row.getArrayOfStrings("image_urls");
    return new ReservedLine(row.getUUID("product_id"), row.getInteger("quantity"), row.getLong("price_int"),
        row.getString("sku"), row.getString("name"), row.getString("slug"),
        images == null ? List.of() : List.of(images));
  }

  /**
   * Marks the PENDING reservations of {@code orderIds} CONFIRMED, in one statement: their orders
   * exist, so their stock stays sold (until a cancelled order releases it).
   */
  Future<Void> confirm(List<UUID> orderIds) {
    return pool.preparedQuery("UPDATE stock_reservations SET status = 'CONFIRMED', updated_at = now() "
            + "WHERE order_id = ANY($1) AND status = 'PENDING'")
        .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
        .mapEmpty();
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
