package dev.shop.product;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.product.reservation.ReservationSettings;

/**
 * The product service's settings, read once for all its instances.
 *
 * @param pagesKeptMb memory this JVM keeps answered list pages in; 0: none kept
 * @param demoData whether an empty catalogue gets the demo products at start
 */
public record ProductSettings(int pagesKeptMb, ReservationSettings reservations, boolean demoData) {

  public static ProductSettings from(ShopConfig config) {
    return new ProductSettings(config.integer(ConfigKeys.PRODUCT_PAGES_KEPT_MB, 0), ReservationSettings.from(config),
        config.bool(ConfigKeys.DEMO_DATA));
  }
}
