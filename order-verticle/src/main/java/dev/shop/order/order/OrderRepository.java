package dev.shop.order.order;

import dev.shop.common.db.GroupCommit;
import dev.shop.common.db.PgErrors;
import dev.shop.common.db.Rows;
import dev.shop.common.db.Transactions;
import dev.shop.common.error.ShopException;
import dev.shop.common.event.Outbox;
import dev.shop.common.json.PageRequest;
import dev.shop.contract.order.OrderEvents;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The SQL of orders and their lines. An order's {@code created_at} (its lines' too) and
 * {@code updated_at} come from the service's clock, as parameters.
 */
public final class OrderRepository {

  /** The most checkouts written in one transaction. */
  static final int INSERT_GROUP_MAX = 64;

  private final Pool pool;
  private final Outbox outbox;
  private final Clock clock;
  private final GroupCommit<NewOrder, Order> inserts;

  public OrderRepository(Pool pool, Outbox outbox, Clock clock) {
    this.pool = pool;
    this.outbox = outbox;
    this.clock = clock;
    this.inserts = new GroupCommit<>(INSERT_GROUP_MAX, this::write,
        order -> write(List.of(order)).map(written -> written.get(0)), OrderRepository::certainlyNotWritten);
  }

  /**
   * Whether an insert that failed certainly wrote no order: refused by this service or by
   * PostgreSQL. Otherwise (the database's connection lost, even during COMMIT) its orders may
   * exist: a group's are not written again one by one, and a checkout does not release their stock
   * (the product service's sweeper settles it through {@link #existing} once it expires).
   */
  public static boolean certainlyNotWritten(Throwable failure) {
    return failure instanceof ShopException || PgErrors.certainlyRolledBack(failure);
  }

  /**
   * Writes the order and its lines, its {@code order.created} event, and whatever
   * {@code alsoWrite} writes, in one transaction, which it may share with the checkouts that
   * arrived while the one before it was written ({@link GroupCommit}, up to
   * {@link #INSERT_GROUP_MAX}). Fails with 409 if {@link #existing} answered the order as missing
   * already (its reserved stock went back): the order's lock, taken by a statement of its own
   * before the order's, makes that answer and this insert one after the other.
   */
  public Future<Order> insert(Order order, Function<SqlClient, Future<Void>> alsoWrite) {
    return inserts.submit(new NewOrder(order, alsoWrite));
  }

  /** An order to write, and what else its transaction writes (an Idempotency-Key's completion). */
  private record NewOrder(Order order, Function<SqlClient, Future<Void>> alsoWrite) {
  }

  /**
   * The orders in one transaction of three round trips: BEGIN, the orders' locks (in key order,
   * as {@link #existing} takes them) and the orders leave together (created and updated at the
   * clock's time, each with its first history row, PENDING, from the same statement); then their
   * lines, their events (built from the written orders) and each one's {@code alsoWrite}; then
   * COMMIT. An order found discarded fails the whole group with 409 (alone, it is that order's
   * answer; in a group, {@link GroupCommit} then writes each order alone).
   */
  private Future<List<Order>> write(List<NewOrder> group) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<Order> orders = group.stream().map(NewOrder::order).toList();
    return Transactions.inTransaction(pool, client -> {
      Future<RowSet<Row>> locked = lockInKeyOrder(client, orders.stream().map(Order::id).toList());
      Future<RowSet<Row>> written = client.preparedQuery("WITH inserted AS (INSERT INTO orders (id, user_id, "
              + "address_id, status, total_int, created_at, updated_at) "
              + "SELECT n.id, n.user_id, n.address_id, $5::text, n.total_int, $6::timestamptz, $6::timestamptz "
              + "FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[]) AS n (id, user_id, address_id, total_int) "
              + "WHERE NOT EXISTS (SELECT 1 FROM discarded_orders d WHERE d.order_id = n.id) "
              + "RETURNING " + Order.COLUMNS + "), "
              + StatusHistory.recorded("inserted", "NULL", "created_at")
              + "SELECT " + Order.COLUMNS + " FROM inserted")
          .execute(Tuple.tuple()
              .addArrayOfUUID(orders.stream().map(Order::id).toArray(UUID[]::new))
              .addArrayOfUUID(orders.stream().map(Order::userId).toArray(UUID[]::new))
              .addArrayOfUUID(orders.stream().map(Order::addressId).toArray(UUID[]::new))
              .addArrayOfLong(orders.stream().map(Order::totalInt).toArray(Long[]::new))
              .addString(OrderStatus.PENDING.name())
              .addOffsetDateTime(now));
      // The orders' answer comes first: a discarded order would make its lines fail on the foreign key.
      return Future.all(locked, written).compose(first -> {
        if (written.result().rowCount() < orders.size()) {
          return Future.failedFuture(ShopException.conflict(
              "The stock reservation expired before the order was saved; please retry"));
        }
        return client.preparedQuery("INSERT INTO order_items (" + OrderItem.COLUMNS
                + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .executeBatch(orders.stream().flatMap(order -> order.items().stream()).map(item -> item.toTuple(now))
                .toList());
      }).compose(lines -> {
        Map<UUID, Row> rows = new HashMap<>();
        written.result().forEach(row -> rows.put(row.getUUID("id"), row));
        List<Order> inserted = orders.stream().map(order -> {
          Row row = rows.get(order.id());
          OffsetDateTime createdAt = row.getOffsetDateTime("created_at");
          return Order.from(row, order.items().stream().map(item -> item.writtenAt(createdAt)).toList());
        }).toList();
        List<Future<?>> alsoWritten = new ArrayList<>();
        alsoWritten.add(outbox.appendAll(client, OrderEvents.CREATED,
            inserted.stream().map(order -> order.toEvent(null)).toList()));
        group.forEach(order -> alsoWritten.add(order.alsoWrite().apply(client)));
        return Future.all(alsoWritten).map(inserted);
      });
    });
  }

  public Future<Optional<Order>> find(UUID id) {
    return pool.preparedQuery("SELECT " + Order.COLUMNS + " FROM orders WHERE id = $1")
        .execute(Tuple.of(id))
        .compose(rows -> withItems(pool, rows).map(orders -> orders.stream().findFirst()));
  }

  /**
   * Which of {@code ids} are orders, in one transaction that also records every other one as
   * discarded, so that it is never written afterwards: it takes the orders' locks first
   * ({@link #lockInKeyOrder}), so a checkout writing one of them now
   * finishes before the orders are looked at, and one that comes later finds it discarded.
   */
  public Future<List<UUID>> existing(List<UUID> ids) {
    return Transactions.inTransaction(pool, client -> {
      Future<RowSet<Row>> locked = lockInKeyOrder(client, ids);
      Future<RowSet<Row>> found = client.preparedQuery("WITH asked AS (SELECT DISTINCT unnest($1::uuid[]) AS id), "
              + "discarded AS (INSERT INTO discarded_orders (order_id) SELECT a.id FROM asked a "
              + "WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = a.id) ON CONFLICT (order_id) DO NOTHING) "
              + "SELECT o.id FROM asked a JOIN orders o ON o.id = a.id")
          .execute(Tuple.of(ids.toArray(UUID[]::new)));
      return Future.all(locked, found).map(both -> Rows.all(found.result(), row -> row.getUUID(0)));
    });
  }

  /**
   * Takes the advisory locks of the orders {@code ids} for the transaction, in key order, as every
   * transaction that takes several does, so two never wait for each other. An order's key is its
   * id's random low bits (a key two orders share only makes one wait for the other).
   */
  private static Future<RowSet<Row>> lockInKeyOrder(SqlClient client, List<UUID> ids) {
    return client.preparedQuery("SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest($1::bigint[]) AS k "
            + "ORDER BY k) AS sorted")
        .execute(Tuple.of(ids.stream().map(UUID::getLeastSignificantBits).toArray(Long[]::new)));
  }

  /** How many orders the user has (of {@code status}, when not null). */
  public Future<Long> countByUser(UUID userId, OrderStatus status) {
    return pool.preparedQuery("SELECT count(*) FROM orders WHERE user_id = $1 AND ($2::text IS NULL OR status = $2)")
        .execute(Tuple.of(userId, status == null ? null : status.name()))
        .map(Rows::singleLong);
  }

  /**
   * How many orders match {@code filter}, counting no further than {@code limit}: an exact count
   * of millions of orders takes a scan of them all (docs/orders.md, "Counting and paging at scale").
   */
  public Future<Long> countUpTo(OrderFilter filter, long limit) {
    List<Object> parameters = new ArrayList<>();
    String where = filter.where(parameters);
    parameters.add(limit);
    return pool.preparedQuery("SELECT count(*) FROM (SELECT 1 FROM orders " + where + "LIMIT $" + parameters.size()
            + ") AS matches")
        .execute(Tuple.from(parameters))
        .map(Rows::singleLong);
  }

  /** A page of the orders that match {@code filter}, newest first. */
  public Future<List<Order>> page(OrderFilter filter, PageRequest page) {
    List<Object> parameters = new ArrayList<>();
    String where = filter.where(parameters);
    parameters.add(page.pageSize());
    parameters.add(page.offset());
    return pool.preparedQuery("SELECT " + Order.COLUMNS + " FROM orders " + where + "ORDER BY created_at DESC, id DESC "
            + "LIMIT $" + (parameters.size() - 1) + " OFFSET $" + parameters.size())
        .execute(Tuple.from(parameters))
        .compose(rows -> withItems(pool, rows));
  }

  /** The order's statuses, oldest first. */
  public Future<List<StatusHistory>> history(UUID orderId) {
    return pool.preparedQuery("SELECT " + StatusHistory.COLUMNS + " FROM order_status_history WHERE order_id = $1 "
            + "ORDER BY version")
        .execute(Tuple.of(orderId))
        .map(rows -> Rows.all(rows, StatusHistory::from));
  }

  /**
   * Moves the order to {@code target} if its status allows it now, in one conditional statement, so
   * of two concurrent changes only one can win, and writes the move's event in the same
   * transaction. Empty when the order is missing or its status does not allow the move. A reason,
   * when given, is kept. A move that releases stock marks the release pending in the same statement,
   * which also writes the move's history row (at the order's new {@code updated_at}).
   */
  public Future<Optional<StatusChange>> transition(UUID id, OrderStatus target, String reason) {
    return Transactions.inTransaction(pool, tx -> transition(tx, id, target, reason));
  }

  /** {@link #transition(UUID, OrderStatus, String)} inside the caller's transaction. */
  public Future<Optional<StatusChange>> transition(SqlClient tx, UUID id, OrderStatus target, String reason) {
    String[] from = OrderStatus.allowedFrom(target).stream().map(Enum::name).toArray(String[]::new);
    return tx.preparedQuery("WITH moved AS (UPDATE orders SET status = $2, updated_at = $6, version = version + 1, "
            + "cancel_reason = COALESCE($4, cancel_reason), stock_release_pending = $5 "
            + "WHERE id = $1 AND status = ANY($3) RETURNING " + Order.COLUMNS + "), "
            + StatusHistory.recorded("moved", "$4::text", "updated_at")
            + "SELECT " + Order.COLUMNS + " FROM moved")
        .execute(Tuple.of(id, target.name(), from, reason, target.releasesStock(), OffsetDateTime.now(clock)))
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
