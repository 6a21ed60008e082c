package dev.shop.common.event;

import dev.shop.common.json.Timestamps;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened in a service, as it travels: {@code {id, type, source, occurredAt, data}}
 * (docs/events.md). The id is unique per event and makes every delivery after the first a no-op.
 *
 * @param type what happened, e.g. {@code order.created}
 * @param source the service that emitted it
 */
public record DomainEvent(UUID id, String type, String source, Instant occurredAt, JsonObject data) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("type", type)
        .put("source", source)
        .put("occurredAt", Timestamps.format(occurredAt))
        .put("data", data);
  }

  public Buffer encode() {
    return toJson().toBuffer();
  }

  /** Reads an encoded event; fails with an unchecked exception on anything else. */
  public static DomainEvent decode(Buffer bytes) {
    JsonObject json = bytes.toJsonObject();
    return new DomainEvent(UUID.fromString(json.getString("id")), json.getString("type"), json.getString("source"),
        Instant.parse(json.getString("occurredAt")), json.getJsonObject("data"));
  }
}
