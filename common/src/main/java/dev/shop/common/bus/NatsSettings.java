package dev.shop.common.bus;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.text.Redacted;
import io.nats.client.AuthHandler;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a JVM connects to NATS: the servers ({@code NATS_URL}, comma-separated; {@code tls://}
 * URLs use TLS with the JVM's trust store), and its own credentials: a user and password
 * ({@code SHOP_NATS_USER}, {@code SHOP_NATS_PASSWORD}), an nkey seed file
 * ({@code SHOP_NATS_NKEY_FILE}) or a credentials file of the NATS decentralised auth (JWT and nkey
 * seed, {@code SHOP_NATS_CREDS_FILE}); and the prefix of its reply subjects
 * ({@code SHOP_NATS_INBOX_PREFIX}), which deploy/nats/nats-server.conf lets only this JVM's user read;
 * and how its connections notice a lost server and bound what they hold ({@link NatsLinkLimits}).
 */
public record NatsSettings(String url, String user, String password, String credsFile, String nkeyFile,
    String inboxPrefix, NatsLinkLimits limits) {

  /** The servers of {@code url}, everything else as {@code conf/default.json} says. */
  public static NatsSettings of(String url) {
    return from(ShopConfig.defaults().with(ConfigKeys.NATS_URL, url));
  }

  public static NatsSettings from(ShopConfig config) {
    return new NatsSettings(config.optionalString(ConfigKeys.NATS_URL), config.optionalString(ConfigKeys.NATS_USER),
        config.optionalString(ConfigKeys.NATS_PASSWORD), config.optionalString(ConfigKeys.NATS_CREDS_FILE),
        config.optionalString(ConfigKeys.NATS_NKEY_FILE), config.optionalString(ConfigKeys.NATS_INBOX_PREFIX),
        NatsLinkLimits.from(config));
  }

  /** These settings with {@code limits} instead. */
  public NatsSettings with(NatsLinkLimits limits) {
    return new NatsSettings(url, user, password, credsFile, nkeyFile, inboxPrefix, limits);
  }

  /** {@link #url()} fit for a log line: no password or token. */
  public String redactedUrl() {
    return Redacted.urls(url);
  }

  /**
   * Where and how {@link NatsLink}s sign in; the same credentials and reply prefix as jnats's. A
   * lame duck's connection is still read for {@code drain}, so requests sent on it get their replies.
   */
  NatsLink.Settings linkSettings(String connectionName, Duration drain) {
    List<URI> servers = new ArrayList<>();
    for (String server : url.split(",")) {
      String trimmed = server.trim();
      servers.add(URI.create(trimmed.contains("://") ? trimmed : "nats://" + trimmed));
    }
    return new NatsLink.Settings(List.copyOf(servers), user, user == null ? null : passwordOrEmpty(), authHandler(),
        inboxPrefix, connectionName, limits, drain);
  }

  /** Signs the server's nonce with the creds file's or the nkey seed's key; null without either. */
  private AuthHandler authHandler() {
    if (credsFile != null) {
      return Nats.credentials(credsFile);
    }
    // No JWT: the server knows the user by its public nkey and checks the signed nonce.
    return nkeyFile != null ? Nats.credentials(null, nkeyFile) : null;
  }

  private String passwordOrEmpty() {
    return password == null ? "" : password;
  }

  /**
   * A user and password (or a token) given in a server URL are options of the connection, so that
   * jnats signs in with them to the servers the cluster announces too (it uses a URL's own only
   * for that URL).
   */
  private void credentialsInUrl(Options.Builder options) {
    for (String server : url.split(",")) {
      String userInfo = URI.create(server.trim().contains("://") ? server.trim() : "nats://" + server.trim())
          .getRawUserInfo();
      if (userInfo != null) {
        String[] parts = userInfo.split(":", 2);
        if (parts.length == 2) {
          options.userInfo(decoded(parts[0]), decoded(parts[1]));
        } else {
          options.token(decoded(parts[0]).toCharArray());
        }
        return;
      }
    }
  }

  private static String decoded(String part) {
    return java.net.URLDecoder.decode(part, java.nio.charset.StandardCharsets.UTF_8);
  }

  Options.Builder apply(Options.Builder options) {
    options.servers(url.split(","));
    AuthHandler auth = authHandler();
    if (auth != null) {
      options.authHandler(auth);
    } else if (user != null) {
      options.userInfo(user, passwordOrEmpty());
    } else {
      credentialsInUrl(options);
    }
    if (inboxPrefix != null) {
      options.inboxPrefix(inboxPrefix);
    }
    // JetStream's connection notices a hung server as soon as the links do.
    options.pingInterval(limits.pingInterval()).maxPingsOut(limits.maxPingsOut())
        .reconnectBufferSize(limits.pendingBytes());
    return options;
  }
}
