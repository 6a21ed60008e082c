package dev.shop.product.product;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lookups by key shared by the callers of one turn of an event loop: the first caller schedules a
 * read as the loop's next task, and the keys asked until then are read together, in one query
 * when there are several. As with {@link OneReadPerTurn}, the read is sent after every one of them
 * asked, so each gets what reading alone would have given it. Under load a turn handles the
 * requests of many connections: one round trip and one statement instead of one per request.
 *
 * <p>Used on one verticle instance's event loop only (not thread-safe).
 */
final class LookupsPerTurn<K, V> {

  private final int maxKeys;
  private final Function<K, Future<Optional<V>>> readOne;
  private final Function<Collection<K>, Future<Map<K, V>>> readMany;
  private Map<K, Promise<Optional<V>>> next;

  /**
   * {@code readOne} reads a turn's only key; {@code readMany} several (at most {@code maxKeys}),
   * answering the values found by key, and nothing for the keys of no value.
   */
  LookupsPerTurn(int maxKeys, Function<K, Future<Optional<V>>> readOne,
      Function<Collection<K>, Future<Map<K, V>>> readMany) {
    this.maxKeys = maxKeys;
    this.readOne = readOne;
    this.readMany = readMany;
  }

  Future<Optional<V>> get(K key) {
    if (next == null || next.size() >= maxKeys) {
      Context context = Vertx.currentContext();
      if (context == null) {
        throw new IllegalStateException("LookupsPerTurn is used on an event loop only");
      }
      Map<K, Promise<Optional<V>>> batch = new HashMap<>();
      next = batch;
      context.runOnContext(v -> {
        if (next == batch) {
          next = null;
        }
        read(batch);
      });
    }
    return next.computeIfAbsent(key, k -> Promise.promise()).future();
  }

  private void read(Map<K, Promise<Optional<V>>> batch) {
    if (batch.size() == 1) {
      Map.Entry<K, Promise<Optional<V>>> only = batch.entrySet().iterator().next();
      readOne.apply(only.getKey()).onComplete(only.getValue());
      return;
    }
    readMany.apply(batch.keySet()).onComplete((AsyncResult<Map<K, V>> found) -> {
      if (found.failed()) {
        batch.values().forEach(promise -> promise.fail(found.cause()));
      } else {
        batch.forEach((key, promise) -> promise.complete(Optional.ofNullable(found.result().get(key))));
      }
    });
  }
}
