package dev.shop.gateway.http;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import java.time.Duration;

/**
 * The gateway's circuits ({@link CircuitBreakers}).
 *
 * @param failures time-outs within {@code window} (and at least half of the requests) that open a
 *     service's circuit; 0: off
 * @param open how long an opened circuit answers 503 at once before it lets one request through
 * @param window the span over which a service's requests and time-outs are counted
 */
public record CircuitSettings(int failures, Duration open, Duration window) {

  public static CircuitSettings from(ShopConfig config) {
    return new CircuitSettings(config.integer(ConfigKeys.CIRCUIT_FAILURES, 0), config.millis(ConfigKeys.CIRCUIT_OPEN_MS, 1),
        config.millis(ConfigKeys.CIRCUIT_WINDOW_MS, 1));
  }
}
