package dev.shop.common.event;

import dev.shop.common.db.PgErrors;
import dev.shop.common.db.Transactions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's side of a delivery: applies the event once (its id is recorded as applied in the
 * handler's transaction), and after the last attempt keeps a failing event as a dead letter so the
 * events after it flow on.
 */
final class EventConsumer {

  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
  private static final int ERROR_MAX = 2000;

  private final String service;
  private final Pool pool;
  private final int maxAttempts;

  EventConsumer(String service, Pool pool, int maxAttempts) {
    this.service = service;
    this.pool = pool;
    this.maxAttempts = maxAttempts;
  }

  Future<Void> deliver(EventHandler handler, DomainEvent event, int attempt) {
    return Transactions.<Void>inTransaction(pool, tx -> tx.preparedQuery(
                "INSERT INTO event_applied (event_id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .execute(Tuple.of(event.id(), event.type()))
            .compose(recorded -> recorded.rowCount() == 0 ? Future.succeededFuture() : apply(handler, tx, event)))
        .recover(failure -> {
          // A database that is away is no fault of the event: it waits for it however long it takes.
          if (attempt < maxAttempts || PgErrors.isUnavailable(failure)) {
            log.atWarn().addKeyValue("service", service).addKeyValue("eventId", event.id())
                .addKeyValue("type", event.type()).addKeyValue("attempt", attempt)
                .addKeyValue("reason", String.valueOf(failure.getMessage())).log("event not applied; will retry");
            return Future.failedFuture(failure);
          }
          return deadLetter(event, failure, attempt);
        });
  }

  private static Future<Void> apply(EventHandler handler, io.vertx.sqlclient.SqlClient tx, DomainEvent event) {
    try {
      return handler.apply(tx, event);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Void> deadLetter(DomainEvent event, Throwable failure, int attempts) {
    String error = String.valueOf(failure);
    log.atError().setCause(failure).addKeyValue("service", service).addKeyValue("eventId", event.id())
        .addKeyValue("type", event.type()).addKeyValue("attempts", attempts).log("event dead-lettered");
    return pool.preparedQuery("INSERT INTO event_dead_letters (event_id, type, source, data, error, attempts) "
            + "VALUES ($1, $2, $3, $4, $5, $6) "
            + "ON CONFLICT (event_id) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now()")
        .execute(Tuple.of(event.id(), event.type(), event.source(), event.data() == null ? new JsonObject() : event.data(),
            error.length() > ERROR_MAX ? error.substring(0, ERROR_MAX) : error, attempts))
        .mapEmpty();
  }
}
