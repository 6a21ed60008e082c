package dev.shop.common.bus;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * How a JVM connects to NATS: the servers ({@code NATS_URL}, comma-separated; {@code tls://}
 * URLs use TLS with the JVM's trust store), and its own credentials: a user and password
 * ({@code SHOP_NATS_USER}, {@code SHOP_NATS_PASSWORD}) or a credentials file of the NATS
 * decentralised auth (JWT and nkey seed, {@code SHOP_NATS_CREDS_FILE}).
 */
public record NatsSettings(String url, String user, String password, String credsFile) {

  public static NatsSettings of(String url) {
    return new NatsSettings(url, null, null, null);
  }

  public static NatsSettings from(ShopConfig config) {
    return new NatsSettings(config.optionalString(ConfigKeys.NATS_URL), config.optionalString(ConfigKeys.NATS_USER),
        config.optionalString(ConfigKeys.NATS_PASSWORD), config.optionalString(ConfigKeys.NATS_CREDS_FILE));
  }

  Options.Builder apply(Options.Builder options) {
    options.servers(url.split(","));
    if (credsFile != null) {
      options.authHandler(Nats.credentials(credsFile));
    } else if (user != null) {
      options.userInfo(user, password == null ? "" : password);
    }
    return options;
  }
}
