package dev.shop.common.service;

import dev.shop.common.bus.Bus;
import dev.shop.common.config.ShopConfig;
import io.vertx.core.Deployable;
import java.util.function.Function;

/**
 * How a service is made: its settings read (and checked) once from the configuration; what that
 * answers makes each instance of the service on a bus with those settings. Each service's verticle
 * has one ({@code XVerticle::configured}); the launcher and the services' own tests use it alike.
 */
@FunctionalInterface
public interface ServiceFactory {

  Function<Bus, Deployable> read(ShopConfig config);
}
