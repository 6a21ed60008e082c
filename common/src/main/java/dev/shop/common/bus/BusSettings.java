package dev.shop.common.bus;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import java.time.Duration;

/**
 * What every bus of the platform shares: the time a request may take ({@code SHOP_BUS_TIMEOUT_MS})
 * and the signing of its caller ({@code SHOP_BUS_SIGNING_KEY}, checked here: a JVM without it does
 * not start).
 */
public record BusSettings(Duration timeout, BusSigning signing) {

  public static BusSettings from(ShopConfig config) {
    return new BusSettings(config.millis(ConfigKeys.BUS_TIMEOUT_MS, 1),
        BusSigning.of(config.optionalString(ConfigKeys.BUS_SIGNING_KEY)));
  }
}
