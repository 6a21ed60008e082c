package dev.shop.common.bus;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * How a JVM connects to NATS: the servers ({@code NATS_URL}, comma-separated; {@code tls://}
 * URLs use TLS with the JVM's trust store), and its own credentials: a user and password
 * ({@code SHOP_NATS_USER}, {@code SHOP_NATS_PASSWORD}), an nkey seed file
 * ({@code SHOP_NATS_NKEY_FILE}) or a credentials file of the NATS decentralised auth (JWT and nkey
 * seed, {@code SHOP_NATS_CREDS_FILE}); and the prefix of its reply subjects
 * ({@code SHOP_NATS_INBOX_PREFIX}), which deploy/nats/nats-server.conf lets only this JVM's user read.
 */
public record NatsSettings(String url, String user, String password, String credsFile, String nkeyFile,
    String inboxPrefix) {

  public static NatsSettings of(String url) {
    return new NatsSettings(url, null, null, null, null, null);
  }

  public static NatsSettings from(ShopConfig config) {
    return new NatsSettings(config.optionalString(ConfigKeys.NATS_URL), config.optionalString(ConfigKeys.NATS_USER),
        config.optionalString(ConfigKeys.NATS_PASSWORD), config.optionalString(ConfigKeys.NATS_CREDS_FILE),
        config.optionalString(ConfigKeys.NATS_NKEY_FILE), config.optionalString(ConfigKeys.NATS_INBOX_PREFIX));
  }

  Options.Builder apply(Options.Builder options) {
    options.servers(url.split(","));
    if (credsFile != null) {
      options.authHandler(Nats.credentials(credsFile));
    } else if (nkeyFile != null) {
      // No JWT: the server knows the user by its public nkey and checks the signed nonce.
      options.authHandler(Nats.credentials(null, nkeyFile));
    } else if (user != null) {
      options.userInfo(user, password == null ? "" : password);
    }
    if (inboxPrefix != null) {
      options.inboxPrefix(inboxPrefix);
    }
    return options;
  }
}
