package dev.shop.common.event;

import dev.shop.common.id.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Writes a service's events into its outbox, in the transaction of the change they describe. */
public final class Outbox {

  private final String source;
  private final Runnable wakeRelay;

  Outbox(String source, Runnable wakeRelay) {
    this.source = source;
    this.wakeRelay = wakeRelay;
  }

  /**
   * Adds one event of {@code type} for each of {@code data} to {@code tx}, in one statement and in
   * that order; the relay publishes them once the transaction has committed.
   */
  public Future<List<DomainEvent>> appendAll(SqlClient tx, String type, List<JsonObject> data) {
    if (data.size() == 1) {
      return append(tx, type, data.get(0)).map(List::of);
    }
    Instant now = Instant.now();
    List<DomainEvent> events = data.stream().map(one -> new DomainEvent(Ids.newId(), type, source, now, one)).toList();
    return tx.preparedQuery("INSERT INTO event_outbox (id, type, source, data, occurred_at) "
            + "SELECT e.id, $2, $3, e.data::jsonb, $5 FROM unnest($1::uuid[], $4::text[]) WITH ORDINALITY AS e (id, data, n) "
            + "ORDER BY e.n")
        .execute(Tuple.tuple().addArrayOfUUID(events.stream().map(DomainEvent::id).toArray(UUID[]::new))
            .addString(type).addString(source)
            .addArrayOfString(data.stream().map(JsonObject::encode).toArray(String[]::new))
            .addOffsetDateTime(OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
        .map(inserted -> {
          wakeRelay.run();
          return events;
        });
  }

  /** Adds the event to {@code tx}; the relay publishes it once the transaction has committed. */
  public Future<DomainEvent> append(SqlClient tx, String type, JsonObject data) {
    DomainEvent event = new DomainEvent(Ids.newId(), type, source, Instant.now(), data);
    return tx.preparedQuery("INSERT INTO event_outbox (id, type, source, data, occurred_at) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(event.id(), type, source, data, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC)))
        .map(inserted -> {
          wakeRelay.run();
          return event;
        });
  }
}
