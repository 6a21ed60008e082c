package dev.shop.common.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The contract's timestamps: ISO-8601 UTC with milliseconds, e.g. 2026-11-25T16:30:00.000Z. */
public final class Timestamps {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {
  }

  public static String format(Instant instant) {
    return instant == null ? null : format(instant.atOffset(ZoneOffset.UTC));
  }

  /**
   * Written digit by digit: every product, order and page carries several timestamps, and
   * DateTimeFormatter was about 5 % of a listing page's time. Years outside 1–9999 (which the
   * pattern writes as years of an era, or with a sign) go through the formatter.
   */
  public static String format(OffsetDateTime time) {
    byte[] text = ascii(time);
    return text == null ? null : new String(text, StandardCharsets.US_ASCII);
  }

  /** {@link #format} as the bytes of its ASCII characters; null for null. */
  private static byte[] ascii(OffsetDateTime time) {
    if (time == null) {
      return null;
    }
    OffsetDateTime utc = time.getOffset().equals(ZoneOffset.UTC) ? time : time.withOffsetSameInstant(ZoneOffset.UTC);
    int year = utc.getYear();
    if (year < 1 || year > 9999) {
      return FORMAT.format(utc.toInstant().truncatedTo(ChronoUnit.MILLIS)).getBytes(StandardCharsets.US_ASCII);
    }
    byte[] text = new byte[24];
    digits(text, 0, year, 4);
    text[4] = '-';
    digits(text, 5, utc.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, utc.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, utc.getHour(), 2);
    text[13] = ':';
    digits(text, 14, utc.getMinute(), 2);
    text[16] = ':';
    digits(text, 17, utc.getSecond(), 2);
    text[19] = '.';
    digits(text, 20, utc.getNano() / 1_000_000, 3);
    text[23] = 'Z';
    return text;
  }

  private static void digits(byte[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
