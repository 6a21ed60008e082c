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
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles reservations left PENDING past their time to live, so a checkout that stopped halfway
 * neither loses stock nor gives back sold stock: asks the order service whether the order exists
 * ({@code order.exists}) and confirms the reservation if it does, releases it if it does not. When
 * the order service does not answer, the reservation waits for a later sweep.
 */
public final class ReservationSweeper {

  private static final Logger log = LoggerFactory.getLogger(ReservationSweeper.class);
  private static final int BATCH = 100;
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

  Future<Void> sweep() {
    // A claimed reservation comes back after one more time to live if its sweep fails.
    return reservations.claimExpired(BATCH, ttlSeconds)
        .compose(expired -> Future.join(expired.stream().map(this::settle).toList()))
        .onFailure(failure -> log.atWarn().setCause(failure).log("reservation sweep failed"))
        .<Void>mapEmpty()
        .recover(failure -> Future.succeededFuture());
  }

  private Future<Void> settle(UUID orderId) {
    return bus.request(OrderSubjects.EXISTS, new OrderExistsRequest(orderId).toJson(),
            RequestMeta.internal("reservation-sweeper"))
        .compose(reply -> OrderExistsReply.fromJson(reply.bodyAsObject()).exists()
            ? reservations.confirm(orderId)
            : reservations.release(orderId, List.of(Status.PENDING)).<Void>mapEmpty())
        .onSuccess(v -> log.atInfo().addKeyValue("orderId", orderId).log("expired reservation settled"))
        .onFailure(failure -> log.atWarn().addKeyValue("orderId", orderId).addKeyValue("reason", failure.getMessage())
            .log("expired reservation left for a later sweep"));
  }
}
