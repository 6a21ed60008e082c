package dev.shop.launcher.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The services' clock in dev mode with demo data: the system's, except while the demo shop replays
 * past weeks at start ({@link DemoShop}), when it reads a moment of the past the replay set plus
 * the real time elapsed since. The replay sets it back to the present before the gateway listens,
 * so no outside request is ever stamped with a demo time.
 */
public final class DemoClock extends Clock {

  private final Clock system;
  /** How far the clock is behind the system's: zero but during the replay. */
  private volatile Duration behind = Duration.ZERO;

  public DemoClock() {
    this(Clock.systemUTC());
  }

  /** On {@code system} (tests give a fixed one). */
  DemoClock(Clock system) {
    this.system = system;
  }

  /**
   * From now on, the time is {@code moment} plus the real time elapsed since this call;
   * {@code moment} is never after the present (no row is stamped in the future).
   */
  public void travelTo(Instant moment) {
    Duration back = Duration.between(moment, system.instant());
    if (back.isNegative()) {
      throw new IllegalArgumentException("The demo clock never runs ahead of the present: " + moment);
    }
    behind = back;
  }

  /** Back to the system's time. */
  public void backToPresent() {
    behind = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return system.instant().minus(behind);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This clock's time, seen in {@code zone}. */
  @Override
  public Clock withZone(ZoneId zone) {
    DemoClock demo = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return demo.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return demo.withZone(other);
      }
    };
  }
}
