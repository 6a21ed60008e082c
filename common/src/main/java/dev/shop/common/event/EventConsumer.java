package dev.shop.common.event;

import dev.shop.common.db.GroupCommit;
import dev.shop.common.db.PgErrors;
import dev.shop.common.db.Transactions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's side of a delivery: applies the event once (its id is recorded as applied in the
 * handler's transaction), and after the last attempt keeps a failing event as a dead letter so the
 * events after it flow on.
 *
 * <p>First deliveries are applied in groups ({@link GroupCommit}): those that arrive while a
 * transaction of this service's events runs share the next one, up to {@link #GROUP_MAX}: one
 * BEGIN, one insert of their ids, their handlers' statements pipelined, one COMMIT. Under load (a
 * checkout's {@code order.created} after another) that is one commit for many events instead of
 * one each. If a group fails, nothing of it stays and each of its events is applied alone, as a
 * delivery of its own: a failing event costs its neighbours one more try, never an attempt.
 * Redeliveries (attempt 2 and later) are always applied alone, so their attempts count exactly.
 * Deliveries come on the context the service's consumers subscribed on.
 */
final class EventConsumer {

  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
  private static final int ERROR_MAX = 2000;
  /** The most first deliveries applied in one transaction. */
  static final int GROUP_MAX = 100;

  private final String service;
  private final Pool pool;
  private final int maxAttempts;
  private final GroupCommit<Delivery, Void> firstDeliveries;

  private record Delivery(EventHandler handler, DomainEvent event) {
  }

  EventConsumer(String service, Pool pool, int maxAttempts) {
    this.service = service;
    this.pool = pool;
    this.maxAttempts = maxAttempts;
    // Applying an event again is harmless (event_applied), whatever became of its group.
    this.firstDeliveries = new GroupCommit<>(GROUP_MAX, this::deliverTogether,
        delivery -> deliverAlone(delivery.handler(), delivery.event(), 1), failure -> true);
  }

  Future<Void> deliver(EventHandler handler, DomainEvent event, int attempt) {
    return attempt > 1 ? deliverAlone(handler, event, attempt) : firstDeliveries.submit(new Delivery(handler, event));
  }

  /** A group of first deliveries in one transaction; fails as a whole. */
  private Future<List<Void>> deliverTogether(List<Delivery> group) {
    // The same event delivered twice in one group is applied once; both deliveries are answered.
    Map<UUID, Delivery> byEvent = new LinkedHashMap<>();
    group.forEach(delivery -> byEvent.putIfAbsent(delivery.event().id(), delivery));
    UUID[] ids = byEvent.keySet().toArray(UUID[]::new);
    String[] types = byEvent.values().stream().map(delivery -> delivery.event().type()).toArray(String[]::new);
    return Transactions.inTransaction(pool, tx -> tx.preparedQuery("INSERT INTO event_applied (event_id, type) "
                + "SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT DO NOTHING RETURNING event_id")
            .execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfString(types))
            .compose(recorded -> {
              Set<UUID> fresh = new HashSet<>();
              recorded.forEach(row -> fresh.add(row.getUUID(0)));
              return Future.all(byEvent.values().stream().filter(delivery -> fresh.contains(delivery.event().id()))
                  .map(delivery -> apply(delivery.handler(), tx, delivery.event())).toList());
            }))
        .map(committed -> Collections.<Void>nCopies(group.size(), null));
  }

  private Future<Void> deliverAlone(EventHandler handler, DomainEvent event, int attempt) {
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

  private static Future<Void> apply(EventHandler handler, SqlClient tx, DomainEvent event) {
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
