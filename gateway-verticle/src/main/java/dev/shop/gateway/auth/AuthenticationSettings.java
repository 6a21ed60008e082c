package dev.shop.gateway.auth;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import java.time.Duration;

/**
 * How the gateway checks a signed-in caller.
 *
 * @param issuer the {@code iss} access tokens must carry
 * @param jwksRefresh how often the token keys are fetched again
 * @param unknownKeyGap the least time between two fetches caused by tokens naming an unknown key
 * @param verifiedTokensKept access tokens kept once verified; 0: verify every request
 * @param accountStatusKept how long an account's active status is kept
 * @param accountStatusesKept accounts whose status is kept at most
 */
public record AuthenticationSettings(String issuer, Duration jwksRefresh, Duration unknownKeyGap,
    int verifiedTokensKept, Duration accountStatusKept, int accountStatusesKept) {

  public static AuthenticationSettings from(ShopConfig config) {
    return new AuthenticationSettings(config.string(ConfigKeys.JWT_ISSUER), config.millis(ConfigKeys.JWKS_REFRESH_MS, 1),
        config.millis(ConfigKeys.JWKS_UNKNOWN_KID_MS, 0), config.integer(ConfigKeys.VERIFIED_TOKENS_KEPT, 0),
        config.millis(ConfigKeys.ACCOUNT_STATUS_CACHE_MS, 0), config.integer(ConfigKeys.ACCOUNT_STATUSES_KEPT, 1));
  }
}
