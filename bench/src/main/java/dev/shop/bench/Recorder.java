package dev.shop.bench;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * Latencies and failures of one scenario. Only answers that arrive inside the measured window
 * count towards throughput and percentiles; failures count whenever they happen. When the server's
 * process is known, the CPU time it used during the window is recorded too. Used from the
 * generator's single event loop, so it needs no locking.
 */
final class Recorder {

  static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

  private final Histogram latencies = new Histogram(HIGHEST_MICROS, 3);
  private final Map<String, Long> errors = new TreeMap<>();
  private final long windowStart;
  private final long windowEnd;
  private final Long serverPid;
  private double seconds;
  private long requests;
  private long cpuMicrosAtStart = -1;
  /** The server's CPU time during the window; -1 while unknown. */
  private long cpuMicros = -1;

  /** The measured window, in {@link System#nanoTime()} terms; {@code serverPid} may be null. */
  Recorder(long windowStart, long windowEnd, Long serverPid) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.serverPid = serverPid;
    this.seconds = (windowEnd - windowStart) / 1e9;
  }

  /** A recorder whose server CPU is read when the window opens and closes (timers on the caller's loop). */
  static Recorder watching(Vertx vertx, long windowStart, long windowEnd, Long serverPid) {
    Recorder recorder = new Recorder(windowStart, windowEnd, serverPid);
    if (serverPid != null) {
      long now = System.nanoTime();
      vertx.setTimer(Math.max(1, (windowStart - now) / 1_000_000), id -> recorder.windowOpened());
      vertx.setTimer(Math.max(1, (windowEnd - now) / 1_000_000), id -> recorder.windowClosed());
    }
    return recorder;
  }

  private void windowOpened() {
    cpuMicrosAtStart = ProcessCpu.micros(serverPid);
  }

  private void windowClosed() {
    long now = ProcessCpu.micros(serverPid);
    cpuMicros = cpuMicrosAtStart < 0 || now < 0 ? -1 : now - cpuMicrosAtStart;
  }

  /** The window's CPU time, closing it now if the last answers came before its closing timer fired. */
  private long cpuMicros() {
    if (cpuMicros < 0 && cpuMicrosAtStart >= 0) {
      windowClosed();
    }
    return cpuMicros;
  }

  /** Several windows as one: requests, time and CPU added up, latencies merged. */
  static Recorder combined(List<Recorder> parts) {
    Recorder all = new Recorder(0, 0, null);
    all.cpuMicros = 0;
    for (Recorder part : parts) {
      all.latencies.add(part.latencies);
      part.errors.forEach((status, count) -> all.errors.merge(status, count, Long::sum));
      all.requests += part.requests;
      all.seconds += part.seconds;
      long partCpu = part.cpuMicros();
      all.cpuMicros = all.cpuMicros < 0 || partCpu < 0 ? -1 : all.cpuMicros + partCpu;
    }
    return all;
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

  /** A request with no answer: {@code timeout}, {@code sql} (a statement PostgreSQL refused) or {@code connection}. */
  void failed(Throwable failure) {
    String kind = failure instanceof TimeoutException ? "timeout" : failure instanceof PgException ? "sql" : "connection";
    errors.merge(kind, 1L, Long::sum);
  }

  ScenarioResult result(String scenario, String mode, String load) {
    long cpu = cpuMicros();
    Double cpuPerRequest = cpu < 0 || requests == 0 ? null : (double) cpu / requests;
    return new ScenarioResult(scenario, mode, load, requests, seconds, millis(50), millis(99), millis(99.9),
        new TreeMap<>(errors), null, null, cpuPerRequest, "", null);
  }

  private double millis(double percentile) {
    return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
  }
}
