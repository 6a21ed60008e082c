package dev.shop.common.service;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.db.Database;
import dev.shop.common.event.ServiceEvents;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every domain service does at start: migrate its database, open its pool, bind its subjects
 * on the bus; and at stop, the reverse. A service only says what its subjects are.
 */
public abstract class DomainVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(DomainVerticle.class);

  /** The version every service announces in {@code $SRV.INFO}. */
  private static final String VERSION = "1.0.0";

  protected final Bus bus;
  private final ServiceSettings settings;
  private final String name;
  private final String description;
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
   * there with {@code on}.
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

  @Override
  public Future<?> start() {
    return Database.migrateAndConnect(vertx, name, settings.database().url(), settings.database().poolSize())
        .compose(opened -> {
          pool = opened;
          events = new ServiceEvents(vertx, name, opened, bus.events(settings.events()), settings.events());
          return define(opened);
        })
        .compose(bus::serve)
        .compose(bound -> {
          registration = bound;
          return events.start();
        })
        .onSuccess(started -> {
          log.atInfo().addKeyValue("service", name).log("service ready");
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> unbound = registration == null ? Future.succeededFuture() : registration.close();
    return unbound
        .eventually(() -> events == null ? Future.succeededFuture() : events.stop())
        .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
