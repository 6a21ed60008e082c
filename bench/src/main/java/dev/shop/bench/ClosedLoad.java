package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;

/**
 * The closed model: {@code users} virtual users on as many connections, each sending its next
 * request as soon as the previous answer arrived, for the warm-up and then the measured window.
 * Latency runs from send to answer, so it never exceeds what the server makes users wait.
 */
final class ClosedLoad {

  private final Sender sender;
  private final Recorder recorder;
  private final long end;
  private final Promise<Void> finished = Promise.promise();
  private int running;

  private ClosedLoad(Sender sender, Recorder recorder, long end) {
    this.sender = sender;
    this.recorder = recorder;
    this.end = end;
  }

  /** Runs on the caller's event loop; completes once every user's last request has finished. */
  static Future<Recorder> run(Sender sender, Workload workload, int users, Duration warmup, Duration measured) {
    long windowStart = System.nanoTime() + warmup.toNanos();
    long windowEnd = windowStart + measured.toNanos();
    ClosedLoad load = new ClosedLoad(sender, new Recorder(windowStart, windowEnd), windowEnd);
    load.running = users;
    for (int n = 0; n < users; n++) {
      load.loop(workload.shoppers().apply(n));
    }
    return load.finished.future().map(load.recorder);
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
      loop(shopper);
    });
  }
}
