package dev.shop.common.bus;

import java.time.Duration;

/**
 * Bounds how often one kind of log line is written: one per period, the others held back and
 * counted, so that a flood (a client publishing garbage, a server refusing every attempt) costs a
 * line per period that says how many it stands for. Shared by the links of a JVM.
 */
final class LogThrottle {

  private final long periodNanos;
  private boolean logged;
  private long lastNanos;
  private long heldBack;

  LogThrottle(Duration period) {
    this.periodNanos = period.toNanos();
  }

  /**
   * Whether a line may be written now: -1 when not (it is counted), else how many were held back
   * since the last line written.
   */
  synchronized long admit() {
    long now = System.nanoTime();
    if (logged && now - lastNanos < periodNanos) {
      heldBack++;
      return -1;
    }
    logged = true;
    lastNanos = now;
    long held = heldBack;
    heldBack = 0;
    return held;
  }
}
