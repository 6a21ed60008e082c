package dev.shop.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  private static final DateTimeFormatter PATTERN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void writesUtcWithMillisecondsTruncated() {
    assertThat(Timestamps.format(OffsetDateTime.parse("2026-11-25T16:30:00.123999+07:00")))
        .isEqualTo("2026-11-25T09:30:00.123Z");
    assertThat(Timestamps.format(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00.000Z");
    assertThat(Timestamps.format((Instant) null)).isNull();
    assertThat(Timestamps.format((OffsetDateTime) null)).isNull();
  }

  @Test
  void agreesWithThePatternEverywhere() {
    Random random = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 260_000_000_000L),
          random.nextInt(1_000_000_000));
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600 + 1));
      assertThat(Timestamps.format(instant.atOffset(offset)))
          .isEqualTo(PATTERN.format(instant.truncatedTo(ChronoUnit.MILLIS)));
    }
  }
}
