package dev.shop.common.event;

import dev.shop.common.id.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Writes a service's events into its outbox, in the transaction of the change they describe. */
public final class Outbox {

  private final String source;
  private final Runnable wakeRelay;

  Outbox(String source, Runnable wakeRelay) {
    this.source = source;
    this.wakeRelay = wakeRelay;
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
