package dev.shop.cart.cart;

import dev.shop.common.db.Pruning;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;

/**
 * Anonymous carts nobody came back to: every visitor (and anyone who makes up session ids) gets a
 * cart on a first add, so those unchanged for {@code kept} are deleted with their lines. A user's
 * cart stays. Adding to a cart refreshes its {@code updated_at}; the age is checked again on the
 * row itself, so a cart touched while it was being pruned is kept.
 */
public final class SessionCartPruning {

  private SessionCartPruning() {
  }

  public static Pruning of(Pool pool, String service, Duration kept) {
    return new Pruning(pool, service, kept, List.of(new Pruning.Rule("sessionCarts",
        "DELETE FROM carts WHERE id IN (SELECT id FROM carts WHERE session_id IS NOT NULL AND updated_at < now() "
            + "- $1 * interval '1 millisecond' LIMIT $2) AND session_id IS NOT NULL "
            + "AND updated_at < now() - $1 * interval '1 millisecond'", kept)));
  }
}
