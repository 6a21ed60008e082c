package dev.shop.user.auth;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import java.time.Duration;

/**
 * How passwords are kept and failed sign-ins slowed down.
 *
 * @param bcryptCost the bcrypt work factor of stored passwords
 * @param freeFailures failed sign-ins in a row an email may have before each further attempt waits
 * @param maxBlock the longest such wait
 * @param failuresKept how long an email's failures are remembered after the last one
 */
public record SignInSettings(int bcryptCost, int freeFailures, Duration maxBlock, Duration failuresKept) {

  public static SignInSettings from(ShopConfig config) {
    return new SignInSettings(config.integer(ConfigKeys.BCRYPT_COST, 4), config.integer(ConfigKeys.LOGIN_FREE_FAILURES, 0),
        config.seconds(ConfigKeys.LOGIN_MAX_BLOCK_SECONDS, 1), config.seconds(ConfigKeys.LOGIN_FAILURES_KEPT_SECONDS, 1));
  }
}
