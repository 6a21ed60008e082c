package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The open model: requests leave on a fixed schedule, {@code rate} per second, whatever the
 * server does. Latency runs from each request's intended send time, so an answer that holds up
 * the ones behind it shows in their latency too (no coordinated omission).
 */
final class OpenLoad {

  private final Sender sender;
  private final Shopper shopper;
  private final Recorder recorder;
  private final long intervalNanos;
  private final long end;
  private final Promise<Void> finished = Promise.promise();
  private long nextSend;
  private int inFlight;
  private boolean scheduling = true;

  private OpenLoad(Sender sender, Shopper shopper, Recorder recorder, double rate, long start, long end) {
    this.sender = sender;
    this.shopper = shopper;
    this.recorder = recorder;
    this.intervalNanos = Math.max(1, (long) (1e9 / rate));
    this.nextSend = start;
    this.end = end;
  }

  /** Runs on the caller's event loop; completes once the last scheduled request has finished. */
  static Future<Recorder> run(Vertx vertx, Sender sender, Shopper shopper, double rate, Duration warmup,
      Duration measured, Long serverPid) {
    long start = System.nanoTime();
    long windowStart = start + warmup.toNanos();
    long windowEnd = windowStart + measured.toNanos();
    OpenLoad load = new OpenLoad(sender, shopper, Recorder.watching(vertx, windowStart, windowEnd, serverPid), rate,
        start, windowEnd);
    // A timer tick is 1 ms at best: each tick sends every request whose time has come.
    vertx.setPeriodic(1, timer -> load.tick(vertx, timer));
    return load.finished.future().map(load.recorder);
  }

  private void tick(Vertx vertx, long timer) {
    long now = System.nanoTime();
    while (nextSend <= now && nextSend < end) {
      send(nextSend);
      nextSend += intervalNanos;
    }
    if (nextSend >= end) {
      vertx.cancelTimer(timer);
      scheduling = false;
      completeWhenDrained();
    }
  }

  private void send(long intendedAt) {
    Request request = shopper.next();
    inFlight++;
    sender.send(request).onComplete(answer -> {
      long now = System.nanoTime();
      if (answer.succeeded()) {
        recorder.answered(answer.result(), now, now - intendedAt);
      } else {
        recorder.failed(answer.cause());
      }
      inFlight--;
      completeWhenDrained();
    });
  }

  private void completeWhenDrained() {
    if (!scheduling && inFlight == 0) {
      finished.tryComplete();
    }
  }
}
