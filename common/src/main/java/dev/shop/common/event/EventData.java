package dev.shop.common.event;

import dev.shop.common.id.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The fields of an event's payload, read strictly: a missing or malformed field fails the event,
 * which is then retried and at last dead-lettered, rather than applied half right.
 */
public final class EventData {

  private final String type;
  private final JsonObject data;

  private EventData(String type, JsonObject data) {
    this.type = type;
    this.data = data;
  }

  public static EventData of(DomainEvent event) {
    if (event.data() == null) {
      throw new IllegalArgumentException(event.type() + " without data");
    }
    return new EventData(event.type(), event.data());
  }

  /** An entry of an array field, read as strictly. */
  public EventData entry(String field, int index) {
    return new EventData(type + " " + field + "[" + index + "]", data.getJsonArray(field).getJsonObject(index));
  }

  public int size(String field) {
    Object value = data.getValue(field);
    if (!(value instanceof JsonArray array)) {
      throw missing(field);
    }
    return array.size();
  }

  public UUID id(String field) {
    return Ids.parse(data.getValue(field)).orElseThrow(() -> missing(field));
  }

  public String text(String field) {
    if (!(data.getValue(field) instanceof String text)) {
      throw missing(field);
    }
    return text;
  }

  public long number(String field) {
    if (!(data.getValue(field) instanceof Number number)) {
      throw missing(field);
    }
    return number.longValue();
  }

  public OffsetDateTime time(String field) {
    try {
      return OffsetDateTime.ofInstant(Instant.parse(text(field)), ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw missing(field);
    }
  }

  private IllegalArgumentException missing(String field) {
    return new IllegalArgumentException(type + " without a valid " + field);
  }
}
