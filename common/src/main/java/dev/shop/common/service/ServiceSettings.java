package dev.shop.common.service;

import dev.shop.common.config.ShopConfig;
import dev.shop.common.db.DatabaseSettings;
import dev.shop.common.event.EventSettings;

/** What every domain service needs to start: its database and how its events travel. */
public record ServiceSettings(DatabaseSettings database, EventSettings events) {

  public static ServiceSettings from(String service, ShopConfig config) {
    return new ServiceSettings(DatabaseSettings.from(service, config), EventSettings.from(config));
  }
}
