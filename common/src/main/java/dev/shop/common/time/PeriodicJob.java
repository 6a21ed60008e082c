package dev.shop.common.time;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Background work a service repeats (sweeps, retries): started from a verticle, it runs on that
 * verticle's context, is stopped by its undeploy, and a round still running when the next is due
 * makes that one skip, so rounds never overlap.
 */
public final class PeriodicJob {

  private final Supplier<Future<?>> round;
  private boolean running;

  private PeriodicJob(Supplier<Future<?>> round) {
    this.round = round;
  }

  public static void start(Vertx vertx, long intervalMs, Supplier<Future<?>> round) {
    PeriodicJob job = new PeriodicJob(round);
    vertx.setPeriodic(intervalMs, timer -> job.tick());
  }

  private void tick() {
    if (!running) {
      running = true;
      round.get().onComplete(done -> running = false);
    }
  }
}
