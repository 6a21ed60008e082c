package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The closed model: {@code users} virtual users on as many connections, each sending its next
 * request as soon as the previous answer arrived, for the warm-up and then the measured window.
 * Latency runs from send to answer, so it never exceeds what the server makes users wait.
 *
 * <p>With a think time, a user pauses between an answer and its next request, as a shopper reads a
 * page before the next click: a uniformly random pause from half to one and a half times the mean,
 * and a first request at a random moment within the first two means, so users do not march in step.
 */
final class ClosedLoad {

  private final Vertx vertx;
  private final Sender sender;
  private final Recorder recorder;
  private final long meanThinkMs;
  private final long end;
  private final Promise<Void> finished = Promise.promise();
  private int running;

  private ClosedLoad(Vertx vertx, Sender sender, Recorder recorder, Duration meanThink, long end) {
    this.vertx = vertx;
    this.sender = sender;
    this.recorder = recorder;
    this.meanThinkMs = meanThink.toMillis();
    this.end = end;
  }

  /** Runs on the caller's event loop; completes once every user's last request has finished. */
  static Future<Recorder> run(Vertx vertx, Sender sender, Workload workload, int users, Duration meanThink,
      Duration warmup, Duration measured, Long serverPid) {
    long windowStart = System.nanoTime() + warmup.toNanos();
    long windowEnd = windowStart + measured.toNanos();
    Recorder recorder = Recorder.watching(vertx, windowStart, windowEnd, serverPid);
    ClosedLoad load = new ClosedLoad(vertx, sender, recorder, meanThink, windowEnd);
    load.running = users;
    for (int n = 0; n < users; n++) {
      Shopper shopper = workload.shoppers().apply(n);
      if (load.meanThinkMs == 0) {
        load.loop(shopper);
      } else {
        vertx.setTimer(1 + ThreadLocalRandom.current().nextLong(2 * load.meanThinkMs), id -> load.loop(shopper));
      }
    }
    return load.finished.future().map(load.recorder);
  }

  private void next(Shopper shopper) {
    if (meanThinkMs == 0) {
      loop(shopper);
    } else {
      vertx.setTimer(meanThinkMs / 2 + ThreadLocalRandom.current().nextLong(meanThinkMs + 1), id -> loop(shopper));
    }
  }

  private void loop(Shopper shopper) {
    if (System.nanoTime() >= end) {
      if (--running == 0) {
        finished.complete();
      }
      return;
    }
    Request request = shopper.next();
    long sentAt = System.nanoTime();
    sender.send(request).onComplete(answer -> {
      long now = System.nanoTime();
      if (answer.succeeded()) {
        recorder.answered(answer.result(), now, now - sentAt);
        if (request.onStatus() != null) {
          request.onStatus().accept(answer.result());
        }
      } else {
        recorder.failed(answer.cause());
      }
      next(shopper);
    });
  }
}
