package dev.shop.common.time;

import java.time.Duration;

/**
 * Waits that double from {@code first} up to {@code max}: the one pause between retries of the
 * platform (event redeliveries, NATS reconnects, JetStream set-up).
 */
public record Backoff(Duration first, Duration max) {

  /** The wait after {@code attempt} failed attempts in a row (the first after one failure). */
  public Duration after(int attempt) {
    Duration wait = first.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
