package dev.shop.order.order;

import dev.shop.common.db.Rows;
import dev.shop.common.db.Transactions;
import dev.shop.common.event.Outbox;
import dev.shop.common.json.PageRequest;
import dev.shop.contract.order.OrderEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The SQL of orders and their lines. */
public final class OrderRepository {

  private final Pool pool;
  private final Outbox outbox;

  public OrderRepository(Pool pool, Outbox outbox) {
    this.pool = pool;
    this.outbox = outbox;
  }

  /**
   * Writes the order and its lines, its {@code order.created} event, and whatever
   * {@code alsoWrite} writes, in one transaction of three round trips: BEGIN, the order and its
   * lines leave together (the lines' {@code created_at} is their default, {@code now()}, the
   * transaction's start, as the order's is), then the event, built from the written order, and
   * {@code alsoWrite}'s statements, then COMMIT.
   */
  public Future<Order> insert(Order order, Function<SqlClient, Future<Void>> alsoWrite) {
    return Transactions.inTransaction(pool, client -> {
      Future<RowSet<Row>> written = client.preparedQuery("INSERT INTO orders (id, user_id, address_id, status, "
              + "total_int) VALUES ($1, $2, $3, $4, $5) RETURNING " + Order.COLUMNS)
          .execute(Tuple.of(order.id(), order.userId(), order.addressId(), order.status().name(), order.totalInt()));
      Future<RowSet<Row>> lines = client.preparedQuery("INSERT INTO order_items (" + OrderItem.WRITTEN_COLUMNS
              + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
          .executeBatch(order.items().stream().map(OrderItem::toTuple).toList());
      return Future.all(written, lines).compose(both -> {
        Row row = written.result().iterator().next();
        OffsetDateTime createdAt = row.getOffsetDateTime("created_at");
        Order inserted = Order.from(row, order.items().stream().map(item -> item.writtenAt(createdAt)).toList());
        return Future.all(outbox.append(client, OrderEvents.CREATED, inserted.toEvent(null)),
            alsoWrite.apply(client)).map(inserted);
      });
    });
  }

  public Future<Optional<Order>> find(UUID id) {
    return pool.preparedQuery("SELECT " + Order.COLUMNS + " FROM orders WHERE id = $1")
        .execute(Tuple.of(id))
        .compose(rows -> withItems(pool, rows).map(orders -> orders.stream().findFirst()));
  }

  public Future<Boolean> exists(UUID id) {
    return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM orders WHERE id = $1)")
        .execute(Tuple.of(id))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** How many orders the user has (of {@code status}, when not null). */
  public Future<Long> countByUser(UUID userId, OrderStatus status) {
    return pool.preparedQuery("SELECT count(*) FROM orders WHERE user_id = $1 AND ($2::text IS NULL OR status = $2)")
        .execute(Tuple.of(userId, status == null ? null : status.name()))
        .map(Rows::singleLong);
  }

  /** A page of the user's orders (of {@code status}, when not null), newest first. */
  public Future<List<Order>> pageByUser(UUID userId, OrderStatus status, PageRequest page) {
    return pool.preparedQuery("SELECT " + Order.COLUMNS + " FROM orders "
            + "WHERE user_id = $1 AND ($2::text IS NULL OR status = $2) "
            + "ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4")
        .execute(Tuple.of(userId, status == null ? null : status.name(), page.pageSize(), page.offset()))
        .compose(rows -> withItems(pool, rows));
  }

  /**
   * Moves the order to {@code target} if its status allows it now, in one conditional statement, so
   * of two concurrent changes only one can win, and writes the move's event in the same
   * transaction. Empty when the order is missing or its status does not allow the move. A reason,
   * when given, is kept. A move that releases stock marks the release pending in the same statement.
   */
  public Future<Optional<StatusChange>> transition(UUID id, OrderStatus target, String reason) {
    return Transactions.inTransaction(pool, tx -> transition(tx, id, target, reason));
  }

  /** {@link #transition(UUID, OrderStatus, String)} inside the caller's transaction. */
  public Future<Optional<StatusChange>> transition(SqlClient tx, UUID id, OrderStatus target, String reason) {
    String[] from = OrderStatus.allowedFrom(target).stream().map(Enum::name).toArray(String[]::new);
    return tx.preparedQuery("UPDATE orders SET status = $2, updated_at = now(), version = version + 1, "
            + "cancel_reason = COALESCE($4, cancel_reason), stock_release_pending = $5 "
            + "WHERE id = $1 AND status = ANY($3) RETURNING " + Order.COLUMNS)
        .execute(Tuple.of(id, target.name(), from, reason, target.releasesStock()))
        .compose(rows -> withItems(tx, rows))
        .compose(moved -> {
          if (moved.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
          }
          Order order = moved.get(0);
          String type = target == OrderStatus.CANCELLED ? OrderEvents.CANCELLED : OrderEvents.STATUS_CHANGED;
          return outbox.append(tx, type, order.toEvent(reason))
              .map(Optional.of(new StatusChange(order.id(), order.status(), order.updatedAt())));
        });
  }

  /** Records that the product service has the order's stock back. */
  public Future<Void> stockReleased(UUID id) {
    return pool.preparedQuery("UPDATE orders SET stock_release_pending = false WHERE id = $1")
        .execute(Tuple.of(id))
        .mapEmpty();
  }

  /** Orders whose stock release is still pending {@code ageSeconds} after their last change. */
  public Future<List<UUID>> pendingStockReleases(int limit, int ageSeconds) {
    return pool.preparedQuery("SELECT id FROM orders WHERE stock_release_pending "
            + "AND updated_at < now() - $2 * interval '1 second' ORDER BY updated_at LIMIT $1")
        .execute(Tuple.of(limit, ageSeconds))
        .map(rows -> Rows.all(rows, row -> row.getUUID(0)));
  }

  /**
   * Removes an order whose checkout could not complete, with its {@code order.discarded} event
   * (consumers saw it created), and what {@code alsoWrite} writes, in one transaction.
   */
  public Future<Void> delete(UUID id, Function<SqlClient, Future<Void>> alsoWrite) {
    return Transactions.inTransaction(pool, client -> client.preparedQuery("DELETE FROM orders WHERE id = $1 RETURNING user_id, version")
        .execute(Tuple.of(id))
        .compose(deleted -> Rows.first(deleted, row -> new JsonObject().put("orderId", id.toString())
                .put("userId", row.getUUID("user_id").toString()).put("version", row.getInteger("version") + 1))
            .map(discarded -> outbox.append(client, OrderEvents.DISCARDED, discarded).<Void>mapEmpty())
            .orElse(Future.succeededFuture()))
        .compose(deleted -> alsoWrite.apply(client)));
  }

  private static Future<List<Order>> withItems(SqlClient client, RowSet<Row> orderRows) {
    List<Row> rows = new ArrayList<>();
    orderRows.forEach(rows::add);
    if (rows.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    UUID[] ids = rows.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
    return client.preparedQuery("SELECT " + OrderItem.COLUMNS + " FROM order_items WHERE order_id = ANY($1) "
            + "ORDER BY created_at, product_id")
        .execute(Tuple.of(ids))
        .map(itemRows -> {
          Map<UUID, List<OrderItem>> byOrder = new LinkedHashMap<>();
          itemRows.forEach(row -> {
            OrderItem item = OrderItem.from(row);
            byOrder.computeIfAbsent(item.orderId(), k -> new ArrayList<>()).add(item);
          });
          return rows.stream().map(row -> Order.from(row, byOrder.getOrDefault(row.getUUID("id"), List.of())))
              .toList();
        });
  }
}
