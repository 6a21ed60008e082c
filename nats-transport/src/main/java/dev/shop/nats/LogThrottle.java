package dev.shop.nats;

import java.time.Duration;

/**
 * Bounds how often one kind of log line is written: one per period, the others held back and
 * counted, so that a flood (a client publishing garbage, a server refusing every attempt) costs a
 * line per period that says how many it stands for. A line about something else than the last
 * one (another reason) is written at once. Each link has its own, used on its event loop.
 */
final class LogThrottle {

  private final long periodNanos;
  private boolean logged;
  private long lastNanos;
  private String lastAbout;
  private long heldBack;

  LogThrottle(Duration period) {
    this.periodNanos = period.toNanos();
  }

  /**
   * Whether a line about {@code about} may be written now: -1 when not (it is counted), else how
   * many were held back since the last line written.
   */
  long admit(String about) {
    long now = System.nanoTime();
    if (logged && now - lastNanos < periodNanos && java.util.Objects.equals(about, lastAbout)) {
      heldBack++;
      return -1;
    }
    logged = true;
    lastNanos = now;
    lastAbout = about;
    long held = heldBack;
    heldBack = 0;
    return held;
  }
}
