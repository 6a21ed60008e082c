package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

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

  /** One virtual user of the closed model: sends its next request and answers the status it got. */
  @FunctionalInterface
  interface VirtualUser {

    Future<Integer> next();
  }

  private final Vertx vertx;
  private final Recorder recorder;
  private final long meanThinkMs;
  private final long end;
  private final Promise<Void> finished = Promise.promise();
  private int running;

  private ClosedLoad(Vertx vertx, Recorder recorder, Duration meanThink, long end) {
    this.vertx = vertx;
    this.recorder = recorder;
    this.meanThinkMs = meanThink.toMillis();
    this.end = end;
  }

  /** Runs on the caller's event loop; completes once every user's last request has finished. */
  static Future<Recorder> run(Vertx vertx, Sender sender, Workload workload, int users, Duration meanThink,
      Duration warmup, Duration measured, Long serverPid) {
    return run(vertx, n -> overHttp(sender, workload.shoppers().apply(n)), users, meanThink, warmup, measured,
        serverPid);
  }

  /** The closed model for any kind of request: virtual user {@code n} is {@code users.apply(n)}. */
  static Future<Recorder> run(Vertx vertx, IntFunction<VirtualUser> users, int count, Duration meanThink,
      Duration warmup, Duration measured, Long serverPid) {
    long windowStart = System.nanoTime() + warmup.toNanos();
    long windowEnd = windowStart + measured.toNanos();
    Recorder recorder = Recorder.watching(vertx, windowStart, windowEnd, serverPid);
    ClosedLoad load = new ClosedLoad(vertx, recorder, meanThink, windowEnd);
    load.running = count;
    for (int n = 0; n < count; n++) {
      VirtualUser user = users.apply(n);
      if (load.meanThinkMs == 0) {
        load.loop(user);
      } else {
        vertx.setTimer(1 + ThreadLocalRandom.current().nextLong(2 * load.meanThinkMs), id -> load.loop(user));
      }
    }
    return load.finished.future().map(load.recorder);
  }

  /** A shopper's requests over HTTP; the request's status listener, if any, learns each status. */
  private static VirtualUser overHttp(Sender sender, Shopper shopper) {
    return () -> {
      Request request = shopper.next();
      Future<Integer> status = sender.send(request);
      return request.onStatus() == null ? status : status.onSuccess(request.onStatus()::accept);
    };
  }

  private void next(VirtualUser user) {
    if (meanThinkMs == 0) {
      loop(user);
    } else {
      vertx.setTimer(meanThinkMs / 2 + ThreadLocalRandom.current().nextLong(meanThinkMs + 1), id -> loop(user));
    }
  }

  private void loop(VirtualUser user) {
    if (System.nanoTime() >= end) {
      if (--running == 0) {
        finished.complete();
      }
      return;
    }
    long sentAt = System.nanoTime();
    user.next().onComplete(answer -> {
      long now = System.nanoTime();
      if (answer.succeeded()) {
        recorder.answered(answer.result(), now, now - sentAt);
      } else {
        recorder.failed(answer.cause());
      }
      next(user);
    });
  }
}
