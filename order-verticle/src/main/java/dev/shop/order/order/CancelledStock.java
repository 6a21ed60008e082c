package dev.shop.order.order;

import dev.shop.common.time.PeriodicJob;
import dev.shop.order.remote.StockReservations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a cancelled order's reserved stock back to the product service. A release that fails (the
 * product service is down or slow) stays pending on the order and is retried periodically until
 * it succeeds; the product service returns the stock only once, however often it is asked.
 */
public final class CancelledStock {

  private static final Logger log = LoggerFactory.getLogger(CancelledStock.class);
  /** Releases younger than this may still be in flight from the cancel itself. */
  private static final int RETRY_AGE_SECONDS = 30;
  private static final int BATCH = 100;

  private final Vertx vertx;
  private final OrderRepository orders;
  private final StockReservations stock;
  private final Duration retryInterval;

  public CancelledStock(Vertx vertx, OrderRepository orders, StockReservations stock, Duration retryInterval) {
    this.vertx = vertx;
    this.orders = orders;
    this.stock = stock;
    this.retryInterval = retryInterval;
  }

  /** Retries pending releases periodically; the verticle's undeploy stops it. */
  public void start() {
    PeriodicJob.start(vertx, "cancelled orders' stock releases", retryInterval.toMillis(), () -> orders.pendingStockReleases(BATCH, RETRY_AGE_SECONDS)
        .compose(pending -> Future.join(pending.stream().map(id -> release(id, "stock-release-retry")).toList())));
  }

  /** Releases the order's stock and clears its pending mark; a failure is left for the retry. */
  Future<Void> release(UUID orderId, String requestId) {
    return stock.release(orderId, requestId)
        .compose(released -> orders.stockReleased(orderId))
        .onFailure(failure -> log.atWarn().addKeyValue("orderId", orderId).addKeyValue("reason", failure.getMessage())
            .log("cancelled order's stock not released yet; will retry"));
  }
}
