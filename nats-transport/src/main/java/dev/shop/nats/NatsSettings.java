package dev.shop.nats;

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
 * How a JVM connects to NATS: the servers ({@code NATS_URL}, comma-separated), their TLS
 * ({@link NatsTls}; a {@code tls://} URL or any TLS setting means every server must speak TLS, as
 * with jnats), and its own credentials: a user and password
 * ({@code SHOP_NATS_USER}, {@code SHOP_NATS_PASSWORD}), an nkey seed file
 * ({@code SHOP_NATS_NKEY_FILE}) or a credentials file of the NATS decentralised auth (JWT and nkey
 * seed, {@code SHOP_NATS_CREDS_FILE}); and the prefix of its reply subjects
 * ({@code SHOP_NATS_INBOX_PREFIX}), which deploy/nats/nats-server.conf lets only this JVM's user read;
 * and how its connections notice a lost server and bound what they hold ({@link NatsLinkLimits}).
 */
public record NatsSettings(String url, String user, String password, String credsFile, String nkeyFile,
    String inboxPrefix, NatsLinkLimits limits, NatsTls tls) {

  /** Without TLS settings: TLS only where a URL says {@code tls://}, trusting the JVM's trust store. */
  public NatsSettings(String url, String user, String password, String credsFile, String nkeyFile,
      String inboxPrefix) {
    this(url, user, password, credsFile, nkeyFile, inboxPrefix, NatsLinkLimits.from(ShopConfig.defaults()),
        NatsTls.NONE);
  }

  /** The servers of {@code url}, everything else as {@code conf/default.json} says. */
  public static NatsSettings of(String url) {
    return from(ShopConfig.defaults().with(ConfigKeys.NATS_URL, url));
  }

  public static NatsSettings from(ShopConfig config) {
    return new NatsSettings(config.optionalString(ConfigKeys.NATS_URL), config.optionalString(ConfigKeys.NATS_USER),
        config.optionalString(ConfigKeys.NATS_PASSWORD), config.optionalString(ConfigKeys.NATS_CREDS_FILE),
        config.optionalString(ConfigKeys.NATS_NKEY_FILE), config.optionalString(ConfigKeys.NATS_INBOX_PREFIX),
        NatsLinkLimits.from(config), NatsTls.from(config));
  }

  /** These settings with {@code limits} instead. */
  public NatsSettings with(NatsLinkLimits limits) {
    return new NatsSettings(url, user, password, credsFile, nkeyFile, inboxPrefix, limits, tls);
  }

  public NatsSettings withTls(NatsTls tls) {
    return new NatsSettings(url, user, password, credsFile, nkeyFile, inboxPrefix, limits, tls);
  }

  /** {@link #url()} fit for a log line: no password or token. */
  public String redactedUrl() {
    return Redacted.urls(url);
  }

  /**
   * Whether every connection must be TLS: a {@code tls://} URL among the servers, or a TLS setting.
   * jnats decides so (one SSL context for all servers), and the links do as it does.
   */
  boolean tlsRequired() {
    return tls.configured() || servers().stream().anyMatch(server -> "tls".equalsIgnoreCase(server.getScheme()));
  }

  /**
   * Where and how {@link NatsLink}s sign in; the same credentials and reply prefix as jnats's. A
   * lame duck's connection is still read for {@code drain}, so requests sent on it get their replies.
   */
  NatsLink.Settings linkSettings(String connectionName, Duration drain) {
    return new NatsLink.Settings(servers(), user, user == null ? null : passwordOrEmpty(), authHandler(),
        inboxPrefix, connectionName, limits, drain, new NatsLink.Tls(tlsRequired(), tls.first(), tls.linkOptions()));
  }

  private List<URI> servers() {
    List<URI> servers = new ArrayList<>();
    for (String server : url.split(",")) {
      String trimmed = server.trim();
      servers.add(URI.create(trimmed.contains("://") ? trimmed : "nats://" + trimmed));
    }
    return List.copyOf(servers);
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
    for (URI server : servers()) {
      String userInfo = server.getRawUserInfo();
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

  /** A part of a URL's user information as it was before percent-encoding. */
  static String decoded(String part) {
    return java.net.URLDecoder.decode(part, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * jnats's options: the servers, credentials, inbox prefix and TLS.
   *
   * @throws IllegalArgumentException when a TLS file cannot be read or used
   */
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
    if (tlsRequired()) {
      // By default jnats resolves a host to its addresses and connects to each by address, which its
      // TLS socket then takes for the server's name: certificates name hosts, so it keeps the name.
      options.sslContext(tls.sslContext()).hostnameResolveMode(Options.HostnameResolveMode.HappyEyeballs);
      if (tls.first()) {
        options.tlsFirst();
      }
    }
    return options;
  }
}
