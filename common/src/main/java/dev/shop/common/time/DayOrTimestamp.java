package dev.shop.common.time;

import dev.shop.common.json.JsonInput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * A bound of a period as a query gives it (the reports' {@code fromAt}/{@code toAt}, the admin
 * order listing's): a date {@code YYYY-MM-DD}, meaning the start of that UTC day as a start and
 * its last millisecond as an end, or an ISO-8601 timestamp, with its offset or else in UTC, to the
 * millisecond. Years 1 to 9999, which PostgreSQL and the answers' format both hold.
 */
public final class DayOrTimestamp {

  public static final int MAX_TEXT = 64;
  public static final String FORMAT_MESSAGE = "must be a date (YYYY-MM-DD) or an ISO-8601 timestamp";
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private DayOrTimestamp() {
  }

  /**
   * The bound in the query's {@code field}: null when it is absent or blank, or invalid (which is
   * reported to {@code input}). A date is its day's start, or its end when {@code endOfDay}.
   */
  public static Instant read(JsonInput input, String field, boolean endOfDay) {
    String text = input.stringParam(field, MAX_TEXT);
    return text == null ? null : parse(input, field, text, endOfDay);
  }

  /** {@code text} as the bound in {@code field}; null when it is none, which is reported to {@code input}. */
  public static Instant parse(JsonInput input, String field, String text, boolean endOfDay) {
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

  public static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public static Instant endOf(LocalDate day) {
    return startOf(day.plusDays(1)).minusMillis(1);
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
}
