package dev.shop.product.reservation;

import dev.shop.common.db.Pruning;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;

/**
 * Reservations whose stock went back (RELEASED, a final state) more than {@code kept} ago, deleted
 * with their lines so the table does not grow with every cancelled or abandoned checkout. A
 * release that comes again for such an order finds nothing and answers that it released nothing,
 * as it would for the kept row. CONFIRMED reservations stay: cancelling a paid order, however
 * late, returns its stock through its reservation.
 */
public final class ReleasedReservationPruning {

  private ReleasedReservationPruning() {
  }

  public static Pruning of(Pool pool, String service, Duration kept) {
    return new Pruning(pool, service, kept, List.of(new Pruning.Rule("releasedReservations",
        "DELETE FROM stock_reservations WHERE order_id IN (SELECT order_id FROM stock_reservations "
            + "WHERE status = 'RELEASED' AND updated_at < now() - $1 * interval '1 millisecond' LIMIT $2) "
            + "AND status = 'RELEASED'", kept)));
  }
}
