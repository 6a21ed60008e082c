package dev.shop.product.reservation;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import java.time.Duration;

/**
 * How long stock reservations live.
 *
 * @param ttlSeconds every reservation is settled by the sweeper this long after it was made (kept when its
 *     order exists, released when it does not)
 * @param releasedKept how long a released reservation is kept after its release
 */
public record ReservationSettings(int ttlSeconds, Duration releasedKept) {

  public static ReservationSettings from(ShopConfig config) {
    return new ReservationSettings(config.integer(ConfigKeys.RESERVATION_TTL_SECONDS, 1),
        config.seconds(ConfigKeys.RELEASED_RESERVATIONS_KEPT_SECONDS, 1));
  }
}
