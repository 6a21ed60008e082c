package dev.shop.common.time;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work a service repeats (sweeps, retries): started from a verticle, it runs on that
 * verticle's context, is stopped by its undeploy, and a round still running when the next is due
 * makes that one skip, so rounds never overlap. Its start is logged at DEBUG with its name.
 */
public final class PeriodicJob {

  private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);

  private final Supplier<Future<?>> round;
  private boolean running;

  private PeriodicJob(Supplier<Future<?>> round) {
    this.round = round;
  }

  public static void start(Vertx vertx, String name, long intervalMs, Supplier<Future<?>> round) {
    PeriodicJob job = new PeriodicJob(round);
    log.atDebug().addKeyValue("job", name).addKeyValue("intervalMs", intervalMs).log("background job started");
    vertx.setPeriodic(intervalMs, timer -> job.tick());
  }

  private void tick() {
    if (!running) {
      running = true;
      round.get().onComplete(done -> running = false);
    }
  }
}
