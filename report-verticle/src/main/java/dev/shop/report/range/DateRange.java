package dev.shop.report.range;

import dev.shop.common.json.JsonInput;
import dev.shop.common.json.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.List;

/**
 * A report's period, both bounds inclusive, to the millisecond; days are UTC days. Read from the
 * query's {@code fromAt} and {@code toAt}: a date or an ISO-8601 timestamp each (a date as
 * {@code fromAt} is the start of that day, as {@code toAt} its end); by default the 30 days that
 * end today.
 */
public record DateRange(Instant start, Instant end) {

  public static final String FROM = "fromAt";
  public static final String TO = "toAt";
  private static final int DEFAULT_DAYS = 30;
  private static final Duration MAX_LENGTH = Duration.ofDays(3660);

  private static final int MAX_TEXT = 64;
  private static final String FORMAT_MESSAGE = "must be a date (YYYY-MM-DD) or an ISO-8601 timestamp";
  // Years a timestamp may have: four digits, which PostgreSQL and the answers' format both hold.
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  /**
   * The range of the query in {@code input}, {@code today} being today's UTC date; null when it
   * is invalid, which is reported to {@code input}.
   */
  public static DateRange read(JsonInput input, LocalDate today) {
    String fromText = input.stringParam(FROM, MAX_TEXT);
    String toText = input.stringParam(TO, MAX_TEXT);
    Instant start = fromText == null ? null : parse(input, FROM, fromText, false);
    Instant end = toText == null ? endOf(today) : parse(input, TO, toText, true);
    if (fromText == null && end != null) {
      start = startOf(dayOf(end).minusDays(DEFAULT_DAYS - 1));
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

  private static Instant parse(JsonInput input, String field, String text, boolean endOfDay) {
    try {
      Instant instant = text.length() == 10 ? dateBound(LocalDate.parse(text), endOfDay) : timestamp(text);
      if (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST)) {
        return instant;
      }
    } catch (DateTimeParseException e) {
      // reported below, as any other text that is no date of ours
    }
    input.error(field, FORMAT_MESSAGE);
    return null;
  }

  private static Instant dateBound(LocalDate date, boolean endOfDay) {
    return endOfDay ? endOf(date) : startOf(date);
  }

  /** With its offset when it has one, else in UTC; anything below the millisecond is dropped. */
  private static Instant timestamp(String text) {
    TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
        LocalDateTime::from);
    Instant instant = parsed instanceof OffsetDateTime withOffset
        ? withOffset.toInstant()
        : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static Instant endOf(LocalDate day) {
    return startOf(day.plusDays(1)).minusMillis(1);
  }

  private static LocalDate dayOf(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
