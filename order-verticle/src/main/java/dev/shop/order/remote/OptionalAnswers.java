package dev.shop.order.remote;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.ShopException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Asks peers for the parts of an administrator's view of orders that are theirs (customers,
 * addresses, payments), where a missing part is better than no view: a peer that does not answer
 * in time, or fails, gives an empty part, never an error. Each peer gets a quarter of the bus
 * time-out, so the view is answered well within the gateway's own wait for it (three quarters
 * of the time-out for a read's first try). A failure is logged at WARN the first time each kind of
 * it (the subject and the status, 504 for a time-out) happens, then at DEBUG until the subject
 * answers again, so an outage does not write a line per listing.
 */
public final class OptionalAnswers {

  private static final Logger log = LoggerFactory.getLogger(OptionalAnswers.class);
  private static final int SHARE_OF_BUS_TIMEOUT = 4;

  private final Bus bus;
  private final Duration timeout;
  /** The kinds of failure logged at WARN since each subject last answered: "subject status". */
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  public OptionalAnswers(Bus bus) {
    this.bus = bus;
    this.timeout = bus.timeout().dividedBy(SHARE_OF_BUS_TIMEOUT);
  }

  /**
   * The answer of {@code subject}; empty when the peer has none (404), does not answer in time or
   * fails.
   */
  public Future<Optional<BusReply>> ask(String subject, JsonObject body, RequestMeta meta) {
    return bus.request(subject, body, meta, timeout).transform(answer -> {
      if (answer.succeeded()) {
        reported.removeIf(kind -> kind.startsWith(subject + " "));
        return Future.succeededFuture(Optional.of(answer.result()));
      }
      Throwable failure = answer.cause();
      int status = failure instanceof ShopException refused ? refused.status() : 500;
      if (status != 404) {
        boolean first = reported.add(subject + " " + status);
        log.atLevel(first ? Level.WARN : Level.DEBUG)
            .addKeyValue("subject", subject).addKeyValue("status", status)
            .addKeyValue("requestId", meta.requestId()).addKeyValue("error", failure.getMessage())
            .log("a peer did not answer for an administrator's view of orders; its part is left out");
      }
      return Future.succeededFuture(Optional.empty());
    });
  }
}
