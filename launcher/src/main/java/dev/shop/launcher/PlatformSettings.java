package dev.shop.launcher;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import java.util.List;

/**
 * What this JVM runs.
 *
 * @param services {@code all}, or the services and the gateway by name
 * @param instances instances of each service and of the gateway; 0: one per processor core
 * @param metricsPort the port of {@code GET /metrics} for a JVM without the gateway; 0: none
 */
record PlatformSettings(List<String> services, int instances, int metricsPort) {

  static PlatformSettings from(ShopConfig config) {
    return new PlatformSettings(config.list(ConfigKeys.SERVICES), config.integer(ConfigKeys.INSTANCES, 0),
        config.integer(ConfigKeys.METRICS_PORT, 0));
  }
}
