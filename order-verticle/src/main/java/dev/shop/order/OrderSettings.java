package dev.shop.order;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import java.time.Duration;

/**
 * The order service's settings, read once for all its instances.
 *
 * @param idempotencyKeysKept how long a checkout's idempotency key answers the same order
 * @param stockReleaseRetry how often the stock of cancelled orders whose release failed is asked for again
 */
public record OrderSettings(Duration idempotencyKeysKept, Duration stockReleaseRetry) {

  public static OrderSettings from(ShopConfig config) {
    return new OrderSettings(config.seconds(ConfigKeys.IDEMPOTENCY_KEY_KEPT_SECONDS, 1),
        config.millis(ConfigKeys.STOCK_RELEASE_RETRY_MS, 1));
  }
}
