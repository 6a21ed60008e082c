package dev.shop.nats;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS of a JVM's NATS connections, the same for its links and for jnats: a CA file (PEM) to
 * trust instead of the JVM's trust store ({@code SHOP_NATS_TLS_CA_FILE}), a client certificate and
 * its PKCS#8 key (PEM; {@code SHOP_NATS_TLS_CERT_FILE}, {@code SHOP_NATS_TLS_KEY_FILE}) for servers
 * that verify clients ({@code verify: true}), and the TLS-first handshake
 * ({@code SHOP_NATS_TLS_FIRST}) for servers with {@code handshake_first}. Either connection checks
 * that the server's certificate names the host it connects to.
 */
public record NatsTls(String caFile, String certFile, String keyFile, boolean first) {

  public static final NatsTls NONE = new NatsTls(null, null, null, false);

  private static final String HOST_NAME_CHECK = "HTTPS";

  public NatsTls {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException(ConfigKeys.NATS_TLS_CERT_FILE + " and " + ConfigKeys.NATS_TLS_KEY_FILE
          + " go together: a client certificate is sent with its key");
    }
  }

  public static NatsTls from(ShopConfig config) {
    return new NatsTls(config.optionalString(ConfigKeys.NATS_TLS_CA_FILE),
        config.optionalString(ConfigKeys.NATS_TLS_CERT_FILE), config.optionalString(ConfigKeys.NATS_TLS_KEY_FILE),
        config.bool(ConfigKeys.NATS_TLS_FIRST));
  }

  /** Whether anything is set: then every server must speak TLS, whatever scheme its URL has. */
  boolean configured() {
    return caFile != null || certFile != null || first;
  }

  /** For the links' Vert.x sockets. */
  ClientSSLOptions linkOptions() {
    ClientSSLOptions options = new ClientSSLOptions().setHostnameVerificationAlgorithm(HOST_NAME_CHECK);
    if (caFile != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(caFile));
    }
    if (certFile != null) {
      options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(certFile).setKeyPath(keyFile));
    }
    return options;
  }

  /**
   * For jnats: the same files read with the JDK, and the same host name check.
   *
   * @throws IllegalArgumentException naming the file that cannot be read or used
   */
  SSLContext sslContext() {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (caFile == null) {
        trust.init((KeyStore) null);
      } else {
        KeyStore authorities = emptyStore();
        List<X509Certificate> certificates = PemFiles.certificates(caFile);
        for (int i = 0; i < certificates.size(); i++) {
          authorities.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        trust.init(authorities);
      }
      KeyManagerFactory keys = null;
      if (certFile != null) {
        List<X509Certificate> chain = PemFiles.certificates(certFile);
        KeyStore own = emptyStore();
        char[] noPassword = new char[0];
        own.setKeyEntry("client", PemFiles.privateKey(keyFile, chain.get(0)), noPassword,
            chain.toArray(new X509Certificate[0]));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(own, noPassword);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return new HostCheckingSslContext(context);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot set up TLS for NATS: " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (java.io.IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    return store;
  }
}
