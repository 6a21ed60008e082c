package dev.shop.payment.payment;

import dev.shop.common.db.PgErrors;
import dev.shop.common.db.Rows;
import dev.shop.common.db.Transactions;
import dev.shop.common.event.Outbox;
import dev.shop.contract.payment.PaymentEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The SQL of payments. Every change of a payment's status writes its event (payment.succeeded,
 * payment.failed, payment.refunded) in the same transaction. A payment's {@code created_at} and
 * {@code updated_at} come from the service's clock.
 */
public final class PaymentRepository {

  private static final String OPEN_PER_ORDER = "payments_open_per_order_idx";

  private final Pool pool;
  private final Outbox outbox;
  private final Clock clock;

  public PaymentRepository(Pool pool, Outbox outbox, Clock clock) {
    this.pool = pool;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Inserts a PENDING payment; empty when the order already has an open one (a racing process won). */
  public Future<Optional<Payment>> insertPending(UUID id, UUID orderId, UUID userId, PaymentMethod method,
      long amountInt, String reference) {
    return pool.preparedQuery("INSERT INTO payments (id, order_id, user_id, method, amount_int, status, reference, "
            + "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'PENDING', $6, $7, $7) RETURNING " + Payment.COLUMNS)
        .execute(Tuple.of(id, orderId, userId, method.name(), amountInt, reference, OffsetDateTime.now(clock)))
        .map(rows -> Rows.first(rows, Payment::from))
        .recover(failure -> PgErrors.isUniqueViolation(failure, OPEN_PER_ORDER)
            ? Future.succeededFuture(Optional.empty())
            : Future.failedFuture(failure));
  }

  public Future<Optional<Payment>> find(UUID id) {
    return one("WHERE id = $1", Tuple.of(id));
  }

  /** The order's pending or paid payment, if it has one. */
  public Future<Optional<Payment>> openOfOrder(UUID orderId) {
    return one("WHERE order_id = $1 AND status IN ('PENDING', 'SUCCESS')", Tuple.of(orderId));
  }

  /** The order's most recent payment. */
  public Future<Optional<Payment>> latestOfOrder(UUID orderId) {
    return one("WHERE order_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1", Tuple.of(orderId));
  }

  /** The payment a provider transaction settled, if that transaction was seen. */
  public Future<Optional<Payment>> ofTransaction(String transactionId) {
    return one("WHERE id = (SELECT payment_id FROM payment_transactions WHERE transaction_id = $1)",
        Tuple.of(transactionId));
  }

  /** The payment {@code condition} (a WHERE clause and what follows it) selects, if any. */
  private Future<Optional<Payment>> one(String condition, Tuple parameters) {
    return pool.preparedQuery("SELECT " + Payment.COLUMNS + " FROM payments " + condition)
        .execute(parameters)
        .map(rows -> Rows.first(rows, Payment::from));
  }

  public <T> Future<T> inTransaction(Function<SqlClient, Future<T>> work) {
    return Transactions.inTransaction(pool, work::apply);
  }

  /** The order's PENDING payment, locked until {@code tx} ends. */
  public Future<Optional<Payment>> lockPending(SqlClient tx, UUID orderId) {
    return tx.preparedQuery("SELECT " + Payment.COLUMNS + " FROM payments WHERE order_id = $1 AND status = 'PENDING' "
            + "FOR UPDATE")
        .execute(Tuple.of(orderId))
        .map(rows -> Rows.first(rows, Payment::from));
  }

  /** Records a provider transaction; false when it was recorded before (by a concurrent delivery too). */
  public Future<Boolean> recordTransaction(SqlClient tx, String transactionId, UUID paymentId) {
    return tx.preparedQuery("INSERT INTO payment_transactions (transaction_id, payment_id) VALUES ($1, $2) "
            + "ON CONFLICT DO NOTHING")
        .execute(Tuple.of(transactionId, paymentId))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Settles a PENDING payment with the provider's notice; empty when it is not PENDING any more. */
  public Future<Optional<Payment>> settle(SqlClient tx, UUID id, PaymentStatus status, String transactionId,
      JsonObject payload, String reason) {
    return tx.preparedQuery("UPDATE payments SET status = $2, transaction_id = $3, payload = $4, status_reason = $5, "
            + "updated_at = $6 WHERE id = $1 AND status = 'PENDING' RETURNING " + Payment.COLUMNS)
        .execute(Tuple.of(id, status.name(), transactionId, payload, reason, OffsetDateTime.now(clock)))
        .compose(rows -> emit(tx, rows))
        .map(settled -> settled.stream().findFirst());
  }

  /**
   * The order was cancelled: a paid payment is refunded, a pending one can no longer be paid
   * (FAILED). Answers the payments changed.
   */
  public Future<List<Payment>> cancelOrder(SqlClient tx, UUID orderId, String reason) {
    return tx.preparedQuery("UPDATE payments SET status = CASE status WHEN 'SUCCESS' THEN 'REFUNDED' ELSE 'FAILED' END, "
            + "status_reason = $2, updated_at = $3 WHERE order_id = $1 AND status IN ('PENDING', 'SUCCESS') "
            + "RETURNING " + Payment.COLUMNS)
        .execute(Tuple.of(orderId, reason, OffsetDateTime.now(clock)))
        .compose(rows -> emit(tx, rows));
  }

  /** The order was delivered: its pending cash-on-delivery payment is paid. */
  public Future<List<Payment>> collectCashOnDelivery(SqlClient tx, UUID orderId) {
    return tx.preparedQuery("UPDATE payments SET status = 'SUCCESS', status_reason = 'Cash collected on delivery', "
            + "updated_at = $2 WHERE order_id = $1 AND method = 'COD' AND status = 'PENDING' "
            + "RETURNING " + Payment.COLUMNS)
        .execute(Tuple.of(orderId, OffsetDateTime.now(clock)))
        .compose(rows -> emit(tx, rows));
  }

  private Future<List<Payment>> emit(SqlClient tx, RowSet<Row> rows) {
    List<Payment> changed = Rows.all(rows, Payment::from);
    Future<Void> written = Future.succeededFuture();
    for (Payment payment : changed) {
      written = written.compose(v -> outbox.append(tx, eventType(payment.status()), payment.toEvent()).mapEmpty());
    }
    return written.map(changed);
  }

  private static String eventType(PaymentStatus status) {
    return switch (status) {
      case SUCCESS -> PaymentEvents.SUCCEEDED;
      case FAILED -> PaymentEvents.FAILED;
      case REFUNDED -> PaymentEvents.REFUNDED;
      case PENDING -> throw new IllegalArgumentException("A pending payment has no event");
    };
  }
}
