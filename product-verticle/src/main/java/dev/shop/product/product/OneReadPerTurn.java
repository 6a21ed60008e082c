package dev.shop.product.product;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * One read shared by the callers of one turn of an event loop: the first caller schedules the read
 * as the loop's next task, and every caller until then gets that read's answer. The read is sent
 * after all of them asked, so each gets a value at least as recent as its own request, as reading
 * alone would give it; a caller after the read was sent waits for the next one. Under load a turn
 * handles the requests of many connections, and they share one round trip to PostgreSQL.
 *
 * <p>Used on one verticle instance's event loop only (not thread-safe).
 */
final class OneReadPerTurn<T> {

  private final Supplier<Future<T>> read;
  private Promise<T> next;

  OneReadPerTurn(Supplier<Future<T>> read) {
    this.read = read;
  }

  Future<T> get() {
    if (next == null) {
      Context context = Vertx.currentContext();
      if (context == null) {
        throw new IllegalStateException("OneReadPerTurn is used on an event loop only");
      }
      Promise<T> shared = Promise.promise();
      next = shared;
      context.runOnContext(v -> {
        next = null;
        read.get().onComplete(shared);
      });
    }
    return next.future();
  }
}
