package dev.shop.common.service;

import dev.shop.common.event.ServiceEvents;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What the instances of one deployment of a service share (the platform deploys each service once
 * per JVM, as {@code SHOP_INSTANCES} instances, one per event loop). The instance that starts first
 * is the lead: it migrates the database, makes the values the instances share (a key loaded once),
 * and runs the service's background work on its event loop: the outbox relay, the event consumers,
 * pruning, gauges, sweepers. The others start once the lead has, and only serve requests.
 */
final class ServiceLead implements Shareable {

  private static final String LEADS = "shop.service.leads";

  private final Promise<ServiceEvents> started = Promise.promise();
  private final Map<String, Future<?>> shared = new ConcurrentHashMap<>();
  private final AtomicBoolean claimed = new AtomicBoolean();

  private ServiceLead() {
  }

  /** What the instances of the deployment the caller's verticle belongs to share. */
  static ServiceLead of(Vertx vertx, Context context) {
    LocalMap<String, ServiceLead> leads = vertx.sharedData().getLocalMap(LEADS);
    ServiceLead made = new ServiceLead();
    ServiceLead existing = leads.putIfAbsent(context.deploymentID(), made);
    return existing == null ? made : existing;
  }

  /** True for the first instance that asks: it leads. */
  boolean claim() {
    return claimed.compareAndSet(false, true);
  }

  /** The deployment is over (its lead stopped): a new deployment of the service gets a lead of its own. */
  static void forget(Vertx vertx, Context context) {
    vertx.sharedData().getLocalMap(LEADS).remove(context.deploymentID());
  }

  /** Called by the lead once it serves with its background work running, or failed to start. */
  void started(Future<ServiceEvents> lead) {
    lead.onComplete(started);
  }

  /** The lead's events, on {@code context}, once the lead has started; failed if it could not. */
  Future<ServiceEvents> whenStarted(Context context) {
    return on(context, started.future());
  }

  /**
   * The value shared under {@code name}, made by the first instance that asks for it; answered on
   * {@code context}, wherever it was made.
   */
  @SuppressWarnings("unchecked")
  <T> Future<T> shared(String name, Context context, Supplier<Future<T>> make) {
    return on(context, (Future<T>) shared.computeIfAbsent(name, key -> make.get()));
  }

  /** {@code future}'s outcome handed to {@code context}, so what the caller composes on it runs there. */
  private static <T> Future<T> on(Context context, Future<T> future) {
    Promise<T> here = Promise.promise();
    future.onComplete(outcome -> context.runOnContext(v -> here.handle(outcome)));
    return here.future();
  }
}
