package dev.shop.common.service;

import dev.shop.common.config.ShopConfig;
import dev.shop.common.db.DatabaseSettings;
import dev.shop.common.event.EventSettings;
import java.time.Clock;

/**
 * What every domain service needs to start: its database, how its events travel, and its clock.
 *
 * @param clock the time a service writes on its business rows (an account's or an order's
 *     {@code created_at} and {@code updated_at}, a payment's): the system's, in UTC, except while
 *     dev mode's demo shop replays past weeks at start (the launcher's {@code DemoClock}). The
 *     mechanics (outbox, expiries, throttles, pruning) keep the database's {@code now()}.
 */
public record ServiceSettings(DatabaseSettings database, EventSettings events, Clock clock) {

  /** With the system's clock, in UTC. */
  public static ServiceSettings from(String service, ShopConfig config) {
    return from(service, config, Clock.systemUTC());
  }

  public static ServiceSettings from(String service, ShopConfig config, Clock clock) {
    return new ServiceSettings(DatabaseSettings.from(service, config), EventSettings.from(config), clock);
  }
}
