package dev.shop.report.range;

import dev.shop.common.json.JsonInput;
import dev.shop.common.json.Timestamps;
import dev.shop.common.time.DayOrTimestamp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A report's period, both bounds inclusive, to the millisecond; days are UTC days. Read from the
 * query's {@code fromAt} and {@code toAt}: a date or an ISO-8601 timestamp each (a date as
 * {@code fromAt} is the start of that day, as {@code toAt} its end; {@link DayOrTimestamp}); by
 * default the 30 days that end today.
 */
public record DateRange(Instant start, Instant end) {

  public static final String FROM = "fromAt";
  public static final String TO = "toAt";
  private static final int DEFAULT_DAYS = 30;
  private static final Duration MAX_LENGTH = Duration.ofDays(3660);

  /**
   * The range of the query in {@code input}, {@code today} being today's UTC date; null when it
   * is invalid, which is reported to {@code input}.
   */
  public static DateRange read(JsonInput input, LocalDate today) {
    String fromText = input.stringParam(FROM, DayOrTimestamp.MAX_TEXT);
    String toText = input.stringParam(TO, DayOrTimestamp.MAX_TEXT);
    Instant start = fromText == null ? null : DayOrTimestamp.parse(input, FROM, fromText, false);
    Instant end = toText == null ? DayOrTimestamp.endOf(today) : DayOrTimestamp.parse(input, TO, toText, true);
    if (fromText == null && end != null) {
      start = DayOrTimestamp.startOf(dayOf(end).minusDays(DEFAULT_DAYS - 1));
    }
    if (start == null || end == null) {
      return null;
    }
    if (start.isAfter(end)) {
      input.error(FROM, "must not be after " + TO);
      return null;
    }
    if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
      input.error(FROM, "must be at most " + MAX_LENGTH.toDays() + " days before " + TO);
      return null;
    }
    return new DateRange(start, end);
  }

  /** The first instant after the range: queries compare {@code >= start AND < endExclusive}. */
  public Instant endExclusive() {
    return end.plusMillis(1);
  }

  /** Every UTC day the range touches, in order. */
  public List<LocalDate> days() {
    return dayOf(start).datesUntil(dayOf(end).plusDays(1)).toList();
  }

  /** {@code {fromAt, toAt}}: the bounds as the answers echo them. */
  public JsonObject toJson() {
    return new JsonObject().put(FROM, Timestamps.format(start)).put(TO, Timestamps.format(end));
  }

  private static LocalDate dayOf(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
