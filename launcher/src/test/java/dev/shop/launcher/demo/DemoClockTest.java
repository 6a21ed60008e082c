package dev.shop.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DemoClockTest {

  private static final Instant PRESENT = Instant.parse("2026-12-06T14:00:00Z");

  /** A system clock the test moves by hand. */
  private static final class Ticking extends Clock {
    private Instant now = PRESENT;

    void advance(Duration elapsed) {
      now = now.plus(elapsed);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private final Ticking system = new Ticking();
  private final DemoClock clock = new DemoClock(system);

  @Test
  void tellsTheSystemsTimeUntilSent() {
    assertThat(clock.instant()).isEqualTo(PRESENT);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void runsFromTheMomentItIsSentToAtTheRealPace() {
    Instant morning = Instant.parse("2026-11-08T02:00:00Z");
    clock.travelTo(morning);
    assertThat(clock.instant()).isEqualTo(morning);
    system.advance(Duration.ofMillis(1500));
    assertThat(clock.instant()).isEqualTo(morning.plusMillis(1500));
    assertThat(OffsetDateTime.now(clock)).isEqualTo(OffsetDateTime.parse("2026-11-08T02:00:01.500Z"));
  }

  @Test
  void backToThePresentItTellsTheSystemsTimeAgain() {
    clock.travelTo(Instant.parse("2026-10-01T09:00:00Z"));
    system.advance(Duration.ofSeconds(20));
    clock.backToPresent();
    assertThat(clock.instant()).isEqualTo(PRESENT.plusSeconds(20));
  }

  @Test
  void neverRunsAheadOfThePresent() {
    assertThatThrownBy(() -> clock.travelTo(PRESENT.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ahead of the present");
    assertThat(clock.instant()).isEqualTo(PRESENT);
  }

  @Test
  void seenInAnotherZoneItIsTheSameTime() {
    clock.travelTo(Instant.parse("2026-11-08T02:00:00Z"));
    Clock hanoi = clock.withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    assertThat(hanoi.instant()).isEqualTo(clock.instant());
    assertThat(OffsetDateTime.now(hanoi).getHour()).isEqualTo(9);
  }
}
