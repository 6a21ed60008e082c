package dev.shop.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusSigning;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestNats;
import dev.shop.common.testing.TestSettings;
import io.nats.NatsServerRunner;
import io.nats.client.NKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A JVM's own NATS credentials and reply subjects: an nkey seed file, and an inbox prefix that the
 * server lets this user alone subscribe to (as deploy/nats/nats-server.conf does for every role).
 */
class NatsSettingsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  /** One user known by its public nkey, allowed echo.* and replies on _INBOX_echo only. */
  private static final String CONFIG = """
      authorization {
        users: [
          {
            nkey: $ECHO_NKEY
            permissions: {
              publish: { allow: ["echo.*"] }
              subscribe: { allow: ["echo.*", "$SRV.>", "_INBOX_echo.>"] }
              allow_responses: true
            }
          }
        ]
      }
      """;

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Await.result(vertx.close());
  }

  @Test
  void aJvmSignsInWithItsNkeyAndReadsRepliesUnderItsOwnPrefix() throws Exception {
    NKey user = NKey.createUser(null);
    Path seed = Files.writeString(Files.createTempFile("nkey", ".seed"), new String(user.getSeed()));
    Path config = Files.writeString(Files.createTempFile("nats", ".conf"), CONFIG);
    try (NatsServerRunner nats = TestNats.configured(config, Map.of("ECHO_NKEY", new String(user.getPublicKey())),
        line -> { })) {
      NatsSettings settings = new NatsSettings(nats.getURI(), null, null, null, seed.toString(), "_INBOX_echo", limits(), NatsTls.NONE);
      Bus bus = connect(settings);
      Await.result(bus.serve(new ServiceDefinition("echo", "1.0.0", "answers")
          .endpoint("echo.say", request -> Future.succeededFuture(BusReply.ok(new JsonObject().put("said", true))))));
      assertThat(Await.result(bus.request("echo.say", new JsonObject(), RequestMeta.internal("t"))).bodyAsObject()
          .getBoolean("said")).as("a request whose reply comes back under the JVM's prefix").isTrue();

      Bus defaultInbox = connect(new NatsSettings(nats.getURI(), null, null, null, seed.toString(), null, limits(), NatsTls.NONE));
      Future<BusReply> unanswerable = defaultInbox.request("echo.say", new JsonObject(), RequestMeta.internal("t"));
      assertThat(Await.failure(unanswerable)).as("replies on _INBOX., which this user may not read")
          .isInstanceOfSatisfying(ShopException.class, e -> assertThat(e.status()).isEqualTo(504));

      NKey stranger = NKey.createUser(null);
      Path strangerSeed = Files.writeString(Files.createTempFile("nkey", ".seed"), new String(stranger.getSeed()));
      Future<NatsBus> refused = NatsBus.connect(vertx,
          new NatsSettings(nats.getURI(), null, null, null, strangerSeed.toString(), null, limits(), NatsTls.NONE), "stranger", TIMEOUT,
          BusSigning.of(TestSettings.BUS_SIGNING_KEY));
      assertThat(Await.failure(refused)).as("an nkey the server does not know").isNotNull();
      Await.result(defaultInbox.close());
      Await.result(bus.close());
    }
  }

  /**
   * A {@code tls://} URL: jnats and the request links both speak TLS to the server, checking its
   * certificate against the JVM's trust store ({@code javax.net.ssl.trustStore}).
   */
  @Test
  void aTlsUrlIsSpokenOverTlsTrustingTheJvmsTrustStore() throws Exception {
    Path dir = Files.createTempDirectory("nats-tls");
    Path serverStore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "nats", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", serverStore.toString(), "-storepass", "changeit").inheritIO().start();
    assertThat(keytool.waitFor()).as("keytool made the server's key pair").isZero();
    java.security.KeyStore server = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(serverStore)) {
      server.load(in, "changeit".toCharArray());
    }
    java.security.cert.Certificate certificate = server.getCertificate("nats");
    java.util.Base64.Encoder pem = java.util.Base64.getMimeEncoder(64, "\n".getBytes());
    Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
        + pem.encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
    Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + pem.encodeToString(server.getKey("nats", "changeit".toCharArray()).getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("nats", certificate);
    Path trustStore = dir.resolve("trust.p12");
    try (var out = Files.newOutputStream(trustStore)) {
      trust.store(out, "changeit".toCharArray());
    }
    System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    Path config = Files.writeString(dir.resolve("nats.conf"),
        "tls {\n  cert_file: \"" + cert + "\"\n  key_file: \"" + key + "\"\n}\n");
    try (NatsServerRunner nats = TestNats.configured(config, Map.of(), line -> { })) {
      Bus bus = connect(NatsSettings.of("tls://localhost:" + nats.getPort()));
      Await.result(bus.serve(new ServiceDefinition("secret", "1.0.0", "answers over TLS")
          .endpoint("secret.say", request -> Future.succeededFuture(BusReply.ok(new JsonObject().put("said", true))))));
      assertThat(Await.result(bus.request("secret.say", new JsonObject(), RequestMeta.internal("t"))).bodyAsObject()
          .getBoolean("said")).as("a request and its reply over TLS").isTrue();
      Await.result(bus.close());
    } finally {
      System.clearProperty("javax.net.ssl.trustStore");
      System.clearProperty("javax.net.ssl.trustStorePassword");
      System.clearProperty("javax.net.ssl.trustStoreType");
    }
  }

  private static NatsLinkLimits limits() {
    return NatsLinkLimits.from(dev.shop.common.config.ShopConfig.defaults());
  }

  private Bus connect(NatsSettings settings) {
    return Await.result(NatsBus.connect(vertx, settings, "settings-test", TIMEOUT,
        BusSigning.of(TestSettings.BUS_SIGNING_KEY)));
  }
}
