package dev.shop.gateway;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.gateway.auth.AuthenticationSettings;
import dev.shop.gateway.http.CircuitSettings;
import dev.shop.gateway.http.RateLimitSettings;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's settings, read once for all its instances.
 *
 * @param port the HTTP port; 0: any free port
 * @param corsOrigins the origins browsers may call from; empty: no CORS headers
 * @param bodyLimitBytes the largest request body
 * @param healthPing how long {@code GET /health} waits for the services' instances
 * @param eventsState how long {@code GET /admin/events} waits for each service's pipeline state
 * @param drain how long requests in flight may take to finish once the gateway stops
 */
public record GatewaySettings(int port, List<String> corsOrigins, int bodyLimitBytes, Duration healthPing,
    Duration eventsState, Duration drain, AuthenticationSettings authentication, RateLimitSettings rateLimits,
    CircuitSettings circuits) {

  public static GatewaySettings from(ShopConfig config) {
    return new GatewaySettings(config.integer(ConfigKeys.PORT, 0), config.list(ConfigKeys.CORS_ORIGINS),
        config.integer(ConfigKeys.BODY_LIMIT_BYTES, 1), config.millis(ConfigKeys.HEALTH_PING_MS, 1),
        config.millis(ConfigKeys.EVENTS_STATE_MS, 1),
        config.seconds(ConfigKeys.HTTP_DRAIN_SECONDS, 0), AuthenticationSettings.from(config), RateLimitSettings.from(config), CircuitSettings.from(config));
  }
}
