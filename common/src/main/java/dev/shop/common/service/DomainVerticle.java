package dev.shop.common.service;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.db.Database;
import dev.shop.common.event.PipelineState;
import dev.shop.common.event.ServiceEvents;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every domain service does at start: migrate its database, open its pool, bind its subjects
 * on the bus; and at stop, the reverse. A service only says what its subjects are, and which of
 * its work runs in the background.
 *
 * <p>A service runs as several instances, one per event loop; what is not answering requests
 * happens once per deployment (the platform deploys each service once per JVM), on the instance
 * that starts first, the lead ({@link ServiceLead}): the migration, the values the instances
 * share ({@link #shared}), start-up work ({@link #once}), and the background work: the outbox
 * relay, the event consumers, pruning, gauges ({@code ServiceEvents}) and the service's own jobs
 * ({@link #inBackground}). The other instances start once the lead serves.
 *
 * <p>Besides its own subjects, every service answers {@link PipelineState#subject} with its part
 * of the event pipeline, read from its database, for administrators.
 */
public abstract class DomainVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(DomainVerticle.class);

  /** The version every service announces in {@code $SRV.INFO}. */
  private static final String VERSION = "1.0.0";

  protected final Bus bus;
  private final ServiceSettings settings;
  private final String name;
  private final String description;
  private ServiceLead lead;
  private boolean leading;
  private Pool pool;
  private ServiceEvents events;
  private Bus.BusRegistration registration;

  /**
   * @param name the service's name: its queue group, its migrations folder and its database key
   * @param description what it does, as NATS service discovery shows it
   */
  protected DomainVerticle(String name, String description, Bus bus, ServiceSettings settings) {
    this.name = name;
    this.description = description;
    this.bus = bus;
    this.settings = settings;
  }

  /**
   * Builds the service's subjects on an open, migrated pool, starting from {@link #service()};
   * the events it emits go through {@link #events()}'s outbox, the events it consumes are bound
   * there with {@code on}. Called on every instance.
   */
  protected abstract Future<ServiceDefinition> define(Pool pool);

  /** The service with no subjects yet. */
  protected ServiceDefinition service() {
    return new ServiceDefinition(name, VERSION, description);
  }

  /** The service's outbox and event consumers; set before {@link #define} is called. */
  protected ServiceEvents events() {
    return events;
  }

  /**
   * Starts a background job (a sweep, a retry, a pruning) on the lead instance, so that it runs
   * once however many instances serve; the lead's undeploy stops it. Call from {@link #define}.
   */
  protected void inBackground(Runnable start) {
    if (leading) {
      start.run();
    }
  }

  /** The clock of the times the service writes on its business rows ({@link ServiceSettings#clock}). */
  protected Clock clock() {
    return settings.clock();
  }

  /** Start-up work done once, by the lead before it serves (the other instances start after it). */
  protected Future<Void> once(Supplier<Future<?>> work) {
    return leading ? work.get().mapEmpty() : Future.succeededFuture();
  }

  /** A value the instances share, made once by the first that asks (the lead); on the caller's context. */
  protected <T> Future<T> shared(String key, Supplier<Future<T>> make) {
    return lead.shared(key, context, make);
  }

  @Override
  public Future<?> start() {
    lead = ServiceLead.of(vertx, context);
    leading = lead.claim();
    String url = settings.database().url();
    int poolSize = settings.database().poolSize();
    Future<Void> serving;
    if (leading) {
      Future<ServiceEvents> led = Database.migrate(vertx, name, url)
          .compose(migrated -> {
            pool = Database.connect(vertx, name, url, poolSize);
            events = new ServiceEvents(vertx, name, pool, bus.events(settings.events()), settings.events());
            return defineWithState(pool);
          })
          .compose(bus::serve)
          .compose(bound -> {
            registration = bound;
            return events.start();
          })
          .map(started -> events)
          .onFailure(failed -> ServiceLead.forget(vertx, context));
      lead.started(led);
      serving = led.mapEmpty();
    } else {
      serving = lead.whenStarted(context)
          .compose(leadEvents -> {
            pool = Database.connect(vertx, name, url, poolSize);
            events = leadEvents.forAnotherInstance();
            return defineWithState(pool);
          })
          .compose(bus::serve)
          .map(bound -> {
            registration = bound;
            return null;
          });
    }
    return serving.onSuccess(started -> {
      if (Instances.lastToStart(vertx, context)) {
        log.atInfo().addKeyValue("service", name).addKeyValue("instances", context.getInstanceCount())
            .log("service ready");
      }
    });
  }

  /** The service's own subjects, and its pipeline state's. */
  private Future<ServiceDefinition> defineWithState(Pool pool) {
    return define(pool).map(definition -> definition.endpoint(PipelineState.subject(name), this::pipelineState));
  }

  /** {@code {}} (admin): the service's {@link PipelineState}. */
  private Future<BusReply> pipelineState(BusRequest request) {
    request.caller().requireAdmin();
    return events.state().map(state -> BusReply.ok(state.toJson()));
  }

  @Override
  public Future<?> stop() {
    Future<Void> unbound = registration == null ? Future.succeededFuture() : registration.close();
    return unbound
        .eventually(() -> leading && events != null ? events.stop() : Future.succeededFuture())
        .eventually(() -> pool == null ? Future.succeededFuture() : pool.close())
        .onComplete(stopped -> {
          if (leading) {
            ServiceLead.forget(vertx, context);
          }
        });
  }
}
