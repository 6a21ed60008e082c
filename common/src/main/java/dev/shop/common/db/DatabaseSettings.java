package dev.shop.common.db;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.text.Redacted;

/**
 * A service's database ({@code SHOP_<SERVICE>_DB_URL}) and the connections its pool holds
 * ({@code SHOP_DB_POOL_SIZE}).
 */
public record DatabaseSettings(String url, int poolSize) {

  /** The URL must be set: the launcher fills in embedded PostgreSQL's for services without one. */
  public static DatabaseSettings from(String service, ShopConfig config) {
    return new DatabaseSettings(config.string(ConfigKeys.databaseUrl(service)), config.integer(ConfigKeys.DB_POOL_SIZE, 1));
  }

  /** Without the URL's password. */
  @Override
  public String toString() {
    return "DatabaseSettings[url=" + Redacted.urls(url) + ", poolSize=" + poolSize + "]";
  }
}
