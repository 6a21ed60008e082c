package dev.shop.gateway.http;

import dev.shop.common.bus.BusReply;
import dev.shop.common.error.ShopException;
import dev.shop.common.metrics.Metrics;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.shareddata.Shareable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit per service (a subject's first word: {@code product}, {@code order} ...). When, within
 * the settings' window, at least {@code failures} requests to a service timed out and they were at
 * least half of its requests, the circuit opens for the settings' open time: requests to that service fail at
 * once with 503 instead of each waiting out the bus time-out, so a hung service is not hammered and
 * the gateway's callers are not held. When the time is up one request goes through: an answer
 * closes the circuit, another time-out opens it again. Only time-outs count (a service that is
 * down answers "no responders" at once and costs nothing), and only as a share of the requests: the
 * handful in flight to a replica that just died time out together while its survivors answer the
 * rest, and that must not cut the whole service off. Shared by the gateway's instances in one JVM.
 */
public final class CircuitBreakers implements Shareable {

  private static final Logger log = LoggerFactory.getLogger(CircuitBreakers.class);

  /** One service's circuit; guarded by its own monitor. */
  private static final class Circuit {
    /** {@code shop_circuit_open}: 1 from the circuit's opening until an answer closes it, for alerts. */
    private final AtomicLong open;
    private long windowStart;
    private int calls;
    private int timeouts;
    private long openUntil;
    private boolean trialInFlight;

    Circuit(String service) {
      open = Metrics.gauge("shop.circuit.open", "1 while the gateway's circuit to the service is open (requests"
          + " answered 503 at once) or waiting for its trial request to be answered", Tags.of("service", service));
    }
  }

  private final int failures;
  private final long openMillis;
  /** The span over which a service's requests and time-outs are counted. */
  private final long windowMillis;
  private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

  public CircuitBreakers(CircuitSettings settings) {
    this.failures = settings.failures();
    this.openMillis = settings.open().toMillis();
    this.windowMillis = settings.window().toMillis();
  }

  /** Sends the request through its service's circuit. */
  public Future<BusReply> call(String subject, Supplier<Future<BusReply>> request) {
    if (failures == 0) {
      return request.get();
    }
    int dot = subject.indexOf('.');
    String service = dot < 0 ? subject : subject.substring(0, dot);
    Circuit circuit = circuits.computeIfAbsent(service, Circuit::new);
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
      long now = System.currentTimeMillis();
      if (now - circuit.windowStart >= windowMillis) {
        circuit.windowStart = now;
        circuit.calls = 0;
        circuit.timeouts = 0;
      }
      circuit.calls++;
      if (trial) {
        circuit.trialInFlight = false;
      }
      if (!timedOut) {
        if (trial) {
          circuit.openUntil = 0;
          circuit.open.set(0);
          log.atInfo().addKeyValue("service", service).log("circuit closed: the service answers again");
        }
        return;
      }
      circuit.timeouts++;
      if (trial || (circuit.timeouts >= failures && 2 * circuit.timeouts >= circuit.calls)) {
        circuit.windowStart = now;
        circuit.calls = 0;
        circuit.timeouts = 0;
        circuit.openUntil = now + openMillis;
        circuit.open.set(1);
        log.atWarn().addKeyValue("service", service).addKeyValue("openMs", openMillis)
            .log("circuit opened: the service does not answer in time");
      }
    }
  }
}
