package dev.shop.common.vertx;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;

/**
 * The one place in common that uses Vert.x's internal context API (the NATS transport has its
 * own), for two things Vert.x 5 offers no public API for: a request's duplicated context, whose
 * local data carries its trace through everything composed from it (as Vert.x's own tracing
 * does), and a promise that completes on a given caller's event loop without a second task
 * hand-off (the in-JVM bus and event stream answer on the caller's loop this way).
 */
public final class Contexts {

  private Contexts() {
  }

  /** A promise whose callbacks run on {@code context}'s event loop. */
  public static <T> Promise<T> promiseOn(Context context) {
    return ((ContextInternal) context).promise();
  }

  /** The event loop's own context under {@code context}, which may be a request's duplicate of it. */
  public static Context base(Context context) {
    return ((ContextInternal) context).unwrap();
  }

  /** The value of {@code key} in the calling request's local data; null outside a request. */
  public static Object requestLocal(Object key) {
    ContextInternal context = ContextInternal.current();
    return context != null && context.isDuplicate() ? context.localContextData().get(key) : null;
  }

  /** Sets {@code key} in the calling request's local data; nothing outside a request. */
  public static void putRequestLocal(Object key, Object value) {
    ContextInternal context = ContextInternal.current();
    if (context != null && context.isDuplicate()) {
      context.localContextData().put(key, value);
    }
  }

  /**
   * Runs {@code work} as a request of its own with {@code key} set in its local data: on a
   * duplicate of the caller's context (same event loop, own local data); at once outside Vert.x.
   */
  public static void runAsRequest(Object key, Object value, Runnable work) {
    ContextInternal context = ContextInternal.current();
    if (context == null) {
      work.run();
      return;
    }
    ContextInternal duplicate = context.duplicate();
    duplicate.localContextData().put(key, value);
    duplicate.dispatch(work);
  }
}
