package dev.shop.common.service;

import dev.shop.common.bus.Bus;
import dev.shop.common.config.ShopConfig;
import io.vertx.core.Deployable;
import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How a service is made: its settings read (and checked) once from the configuration; what that
 * answers makes each instance of the service on a bus with those settings. Each service's verticle
 * has one ({@code XVerticle.FACTORY}); the launcher and the services' own tests use it alike.
 */
@FunctionalInterface
public interface ServiceFactory {

  /** The service on the clock its business rows are stamped with ({@link ServiceSettings#clock}). */
  Function<Bus, Deployable> read(ShopConfig config, Clock clock);

  /** The service on the system's clock, in UTC. */
  default Function<Bus, Deployable> read(ShopConfig config) {
    return read(config, Clock.systemUTC());
  }

  /** A service made from the settings every service has ({@link ServiceSettings}) alone. */
  static ServiceFactory of(String service, BiFunction<Bus, ServiceSettings, Deployable> constructor) {
    return (config, clock) -> {
      ServiceSettings settings = ServiceSettings.from(service, config, clock);
      return bus -> constructor.apply(bus, settings);
    };
  }

  /** A service made from the settings every service has and settings of its own, read by {@code own}. */
  static <S> ServiceFactory of(String service, Function<ShopConfig, S> own, Constructor<S> constructor) {
    return (config, clock) -> {
      ServiceSettings settings = ServiceSettings.from(service, config, clock);
      S ownSettings = own.apply(config);
      return bus -> constructor.make(bus, settings, ownSettings);
    };
  }

  /** A service's constructor: the bus, the settings every service has, its own. */
  @FunctionalInterface
  interface Constructor<S> {
    Deployable make(Bus bus, ServiceSettings service, S settings);
  }
}
