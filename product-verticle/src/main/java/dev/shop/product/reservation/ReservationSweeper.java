package dev.shop.product.reservation;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.time.PeriodicJob;
import dev.shop.contract.order.OrderExistsReply;
import dev.shop.contract.order.OrderExistsRequest;
import dev.shop.contract.order.OrderSubjects;
import dev.shop.product.reservation.ReservationRepository.Status;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles reservations left PENDING past their time to live. Nothing confirms a reservation when
 * its checkout succeeds: the order's existence is what keeps the stock sold. So every reservation
 * comes here once it expires, in batches: one {@code order.exists} request per batch, whose answer
 * is final (an order answered as missing can no longer be written), one statement that confirms
 * the reservations whose orders exist, and a release of each of the others, whose checkout stopped
 * before its order. When the order service does not answer, the batch waits for a later sweep:
 * nothing is released on a guess.
 */
public final class ReservationSweeper {

  private static final Logger log = LoggerFactory.getLogger(ReservationSweeper.class);
  private static final int BATCH = OrderExistsRequest.MAX_ORDERS;
  private static final long MIN_INTERVAL_MS = 250;
  private static final long MAX_INTERVAL_MS = 30_000;

  private final Vertx vertx;
  private final Bus bus;
  private final ReservationRepository reservations;
  private final int ttlSeconds;

  public ReservationSweeper(Vertx vertx, Bus bus, ReservationRepository reservations, int ttlSeconds) {
    this.vertx = vertx;
    this.bus = bus;
    this.reservations = reservations;
    this.ttlSeconds = ttlSeconds;
  }

  /** Sweeps every quarter of the time to live (within bounds); the verticle's undeploy stops it. */
  public void start() {
    long interval = Math.max(MIN_INTERVAL_MS, Math.min(MAX_INTERVAL_MS, ttlSeconds * 1000L / 4));
    PeriodicJob.start(vertx, "expired reservations sweep", interval, this::sweep);
  }

  /** Settles batches until one comes back short: every checkout's reservation expires here. */
  Future<Void> sweep() {
    // A claimed reservation comes back after one more time to live if its batch fails.
    return reservations.claimExpired(BATCH, ttlSeconds)
        .compose(expired -> expired.isEmpty() ? Future.succeededFuture(false)
            : settle(expired).map(expired.size() == BATCH))
        .compose(full -> full ? sweep() : Future.<Void>succeededFuture())
        .onFailure(failure -> log.atWarn().setCause(failure).log("reservation sweep failed"))
        .recover(failure -> Future.succeededFuture());
  }

  private Future<Void> settle(List<UUID> expired) {
    return bus.request(OrderSubjects.EXISTS, new OrderExistsRequest(expired).toJson(),
            RequestMeta.internal("reservation-sweeper"))
        .map(reply -> OrderExistsReply.fromJson(reply.bodyAsObject()).existing())
        .onFailure(failure -> log.atWarn().addKeyValue("reservations", expired.size())
            .addKeyValue("reason", failure.getMessage()).log("expired reservations left for a later sweep"))
        .compose(existing -> {
          Set<UUID> kept = new HashSet<>(existing);
          List<UUID> missing = expired.stream().filter(orderId -> !kept.contains(orderId)).toList();
          Future<Void> confirmed = existing.isEmpty() ? Future.succeededFuture() : reservations.confirm(existing);
          return Future.join(confirmed, Future.join(missing.stream().map(this::release).toList()))
              .onSuccess(done -> log.atDebug().addKeyValue("confirmed", existing.size())
                  .addKeyValue("released", missing.size()).log("expired reservations settled"))
              .mapEmpty();
        });
  }

  private Future<Void> release(UUID orderId) {
    return reservations.release(orderId, List.of(Status.PENDING))
        .onSuccess(released -> log.atInfo().addKeyValue("orderId", orderId)
            .log("expired reservation released: its order was never written"))
        .mapEmpty();
  }
}
