package dev.shop.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * Latencies and failures of one scenario. Only answers that arrive inside the measured window
 * count towards throughput and percentiles; failures count whenever they happen. Used from the
 * generator's single event loop, so it needs no locking.
 */
final class Recorder {

  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

  private final Histogram latencies = new Histogram(HIGHEST_MICROS, 3);
  private final Map<String, Long> errors = new TreeMap<>();
  private final long windowStart;
  private final long windowEnd;
  private long requests;

  /** The measured window, in {@link System#nanoTime()} terms. */
  Recorder(long windowStart, long windowEnd) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
  }

  /** An answer arrived at {@code completedAt}, {@code latencyNanos} after it was (or should have been) sent. */
  void answered(int status, long completedAt, long latencyNanos) {
    if (status < 200 || status > 299) {
      errors.merge(Integer.toString(status), 1L, Long::sum);
    }
    if (completedAt >= windowStart && completedAt < windowEnd) {
      requests++;
      latencies.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, latencyNanos / 1000)));
    }
  }

  void failed(Throwable failure) {
    errors.merge(failure instanceof TimeoutException ? "timeout" : "connection", 1L, Long::sum);
  }

  ScenarioResult result(String scenario, String mode, String load) {
    double seconds = (windowEnd - windowStart) / 1e9;
    return new ScenarioResult(scenario, mode, load, requests, seconds, millis(50), millis(99), millis(99.9),
        new TreeMap<>(errors), null, null, "");
  }

  private double millis(double percentile) {
    return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
  }
}
