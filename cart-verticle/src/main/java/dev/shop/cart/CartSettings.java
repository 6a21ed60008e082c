package dev.shop.cart;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import java.time.Duration;

/**
 * The cart service's settings, read once for all its instances.
 *
 * @param sessionCartKept an anonymous cart unchanged for this long is deleted
 */
public record CartSettings(Duration sessionCartKept) {

  public static CartSettings from(ShopConfig config) {
    return new CartSettings(config.seconds(ConfigKeys.SESSION_CART_KEPT_SECONDS, 1));
  }
}
