package dev.shop.gateway.http;

import dev.shop.common.bus.BusReply;
import dev.shop.common.error.ShopException;
import dev.shop.common.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.shareddata.Shareable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit per service (a subject's first word: {@code product}, {@code order} ...). After
 * {@code failures} time-outs in a row the circuit opens for {@code openMillis}: requests to that
 * service fail at once with 503 instead of each waiting out the bus time-out, so a hung service is
 * not hammered and the gateway's callers are not held. When the time is up one request goes
 * through: an answer closes the circuit, another time-out opens it again. Only time-outs count: a
 * service that is down answers "no responders" at once and costs nothing. Shared by the gateway's
 * instances in one JVM.
 */
public final class CircuitBreakers implements Shareable {

  private static final Logger log = LoggerFactory.getLogger(CircuitBreakers.class);

  /** One service's circuit; guarded by its own monitor. */
  private static final class Circuit {
    private int timeouts;
    private long openUntil;
    private boolean trialInFlight;
  }

  private final int failures;
  private final long openMillis;
  private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

  public CircuitBreakers(int failures, long openMillis) {
    this.failures = failures;
    this.openMillis = openMillis;
  }

  /** Sends the request through its service's circuit. */
  public Future<BusReply> call(String subject, Supplier<Future<BusReply>> request) {
    if (failures == 0) {
      return request.get();
    }
    int dot = subject.indexOf('.');
    String service = dot < 0 ? subject : subject.substring(0, dot);
    Circuit circuit = circuits.computeIfAbsent(service, key -> new Circuit());
    boolean trial = false;
    synchronized (circuit) {
      long now = System.currentTimeMillis();
      if (circuit.openUntil > now || (circuit.openUntil != 0 && circuit.trialInFlight)) {
        long seconds = Math.max(1, (circuit.openUntil - now + 999) / 1000);
        Metrics.registry().ifPresent(registry -> registry.counter("shop.circuit.rejected", "service", service)
            .increment());
        return Future.failedFuture(new ShopException(503, "Service unavailable: " + service
            + " is not answering in time; retry in " + seconds + " s"));
      }
      if (circuit.openUntil != 0) {
        circuit.trialInFlight = true;
        trial = true;
      }
    }
    boolean isTrial = trial;
    return request.get().onComplete(result -> settle(service, circuit, isTrial, result.failed()
        && result.cause() instanceof ShopException shop && shop.status() == 504));
  }

  private void settle(String service, Circuit circuit, boolean trial, boolean timedOut) {
    synchronized (circuit) {
      if (trial) {
        circuit.trialInFlight = false;
      }
      if (!timedOut) {
        circuit.timeouts = 0;
        if (trial) {
          circuit.openUntil = 0;
          log.atInfo().addKeyValue("service", service).log("circuit closed: the service answers again");
        }
        return;
      }
      circuit.timeouts++;
      if (trial || circuit.timeouts >= failures) {
        circuit.timeouts = 0;
        circuit.openUntil = System.currentTimeMillis() + openMillis;
        log.atWarn().addKeyValue("service", service).addKeyValue("openMs", openMillis)
            .log("circuit opened: the service does not answer in time");
      }
    }
  }
}
