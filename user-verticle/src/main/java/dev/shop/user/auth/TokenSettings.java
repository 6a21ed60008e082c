package dev.shop.user.auth;

import dev.shop.common.auth.JwtKeyFiles;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import java.time.Duration;

/**
 * The tokens the user service issues.
 *
 * @param issuer the {@code iss} of access tokens
 * @param accessTokenTtlSeconds an access token's lifetime ({@code expiresIn})
 * @param refreshTokenTtl a refresh token's lifetime
 * @param keys where the signing and verifying keys are
 */
public record TokenSettings(String issuer, int accessTokenTtlSeconds, Duration refreshTokenTtl, JwtKeyFiles keys) {

  public static TokenSettings from(ShopConfig config) {
    return new TokenSettings(config.string(ConfigKeys.JWT_ISSUER), config.integer(ConfigKeys.ACCESS_TOKEN_TTL_SECONDS, 1),
        config.seconds(ConfigKeys.REFRESH_TOKEN_TTL_SECONDS, 1), JwtKeyFiles.from(config));
  }
}
