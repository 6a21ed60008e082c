package dev.shop.launcher;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import java.nio.file.Path;

/**
 * Embedded PostgreSQL, for the services without a database URL (never in the {@code prod} profile).
 *
 * @param directory where its files are kept, under {@code SHOP_DATA_DIR}
 * @param port its port; 0: any free port
 */
record EmbeddedDatabaseSettings(Path directory, int port) {

  static EmbeddedDatabaseSettings from(ShopConfig config) {
    return new EmbeddedDatabaseSettings(Path.of(config.string(ConfigKeys.DATA_DIR), "postgres"),
        config.integer(ConfigKeys.EMBEDDED_DB_PORT, 0));
  }
}
