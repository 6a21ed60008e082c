package dev.shop.gateway.http;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import java.util.List;

/**
 * The gateway's rate limits (the {@code SHOP_*RATE_LIMIT*} keys of the README's configuration
 * table); a limit of 0 is off.
 *
 * @param clientRpm every API request a minute per client address
 * @param userRpm every request a minute per signed-in user
 * @param loginRpm login and registration a minute per client address and per email
 * @param maxKeys addresses, users and emails counted at once
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} is read
 */
public record RateLimitSettings(int clientRpm, int userRpm, int loginRpm, int maxKeys, List<String> trustedProxies) {

  public static RateLimitSettings from(ShopConfig config) {
    return new RateLimitSettings(config.integer(ConfigKeys.RATE_LIMIT_RPM, 0),
        config.integer(ConfigKeys.USER_RATE_LIMIT_RPM, 0), config.integer(ConfigKeys.LOGIN_RATE_LIMIT_RPM, 0),
        config.integer(ConfigKeys.RATE_LIMIT_MAX_KEYS, 1), config.list(ConfigKeys.TRUSTED_PROXIES));
  }
}
