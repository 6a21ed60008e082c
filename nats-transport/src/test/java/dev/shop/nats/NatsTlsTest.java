package dev.shop.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusSigning;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.event.DomainEvent;
import dev.shop.common.event.EventSettings;
import dev.shop.common.id.Ids;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestNats;
import dev.shop.common.testing.TestSettings;
import dev.shop.nats.JetStreamEvents;
import io.nats.NatsServerRunner;
import io.nats.client.Options;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The NATS connections' TLS against real nats-servers that require it: both the links (requests
 * and services) and jnats (JetStream events) trust a CA file, present a client certificate, check
 * the server's host name, and refuse what jnats refuses, each with a message that says why. The
 * certificates are in {@code src/test/resources/tls} (its README says how they were made).
 */
class NatsTlsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** Generous: the handshakes of a first TLS connection are slow on a loaded 2-core machine. */
  private static final String SERVER_TLS = """
      tls {
        cert_file: $SERVER_CERT
        key_file: $SERVER_KEY
        timeout: 5
      }
      """;
  private static final String SERVER_MTLS = """
      tls {
        cert_file: $SERVER_CERT
        key_file: $SERVER_KEY
        ca_file: $CA
        verify: true
        timeout: 5
      }
      """;

  private final Vertx vertx = Vertx.vertx();
  private final String unique = UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void close() {
    Await.result(vertx.close());
  }

  @Test
  void aServerRequiringTlsIsReachedThroughANatsUrlWithTheCaFile() throws Exception {
    try (NatsServerRunner nats = server(SERVER_TLS, "server")) {
      Bus bus = connect(settings("nats://localhost:" + nats.getPort(), new NatsTls(file("ca.pem"), null, null, false)));
      assertRequestsAndEventsGoThrough(bus);
      Await.result(bus.close());
    }
  }

  @Test
  void aServerRequiringTlsIsRefusedWhenNoTlsIsConfigured() throws Exception {
    try (NatsServerRunner nats = server(SERVER_TLS, "server")) {
      NatsSettings plain = NatsSettings.of("nats://localhost:" + nats.getPort());
      assertThat(busRefusal(plain)).as("the bus (its first link)").hasMessageContaining("requires TLS")
          .hasMessageContaining("SHOP_NATS_TLS_CA_FILE");
      assertThat(jnatsRefusal(plain)).as("jnats").hasMessageContaining("SSL required by server");
    }
  }

  @Test
  void aServerCertificateForAnotherNameIsRefused() throws Exception {
    try (NatsServerRunner nats = server(SERVER_TLS, "wrong-name")) {
      NatsSettings trusting = settings("tls://localhost:" + nats.getPort(),
          new NatsTls(file("ca.pem"), null, null, false));
      // The CA vouches for the certificate; only its name (nats.example.invalid) is wrong.
      assertThat(busRefusal(trusting)).as("the bus").hasMessageContaining("localhost:" + nats.getPort())
          .hasMessageContaining("No subject alternative DNS name matching localhost");
      assertThat(jnatsRefusal(trusting)).as("jnats")
          .hasMessageContaining("No subject alternative DNS name matching localhost");
    }
  }

  @Test
  void aTlsUrlToAServerWithoutTlsIsRefused() throws Exception {
    try (NatsServerRunner nats = TestNats.isolated()) {
      NatsSettings wantingTls = NatsSettings.of("tls://localhost:" + nats.getPort());
      assertThat(busRefusal(wantingTls)).as("the bus").hasMessageContaining("does not offer TLS");
      assertThat(jnatsRefusal(wantingTls)).as("jnats").hasMessageContaining("SSL connection wanted by client");
    }
  }

  @Test
  void aServerThatVerifiesClientsTakesTheClientCertificateAndRefusesAJvmWithout() throws Exception {
    try (NatsServerRunner nats = server(SERVER_MTLS, "server")) {
      String url = "tls://localhost:" + nats.getPort();
      Bus bus = connect(settings(url, new NatsTls(file("ca.pem"), file("client.pem"), file("client-key.pem"), false)));
      assertRequestsAndEventsGoThrough(bus);
      Await.result(bus.close());

      NatsSettings withoutCertificate = settings(url, new NatsTls(file("ca.pem"), null, null, false));
      long start = System.nanoTime();
      assertThat(busRefusal(withoutCertificate)).as("the bus, with no client certificate")
          .hasMessageContaining("localhost:" + nats.getPort()).hasMessageContaining("certificate");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused, not hanging").isLessThan(Duration.ofSeconds(30));
      // The server's alert comes after the client's side of a TLS 1.3 handshake, which jnats
      // waits on until its connection time-out: refused, but without saying why.
      assertThat(jnatsRefusal(withoutCertificate)).as("jnats, with no client certificate")
          .hasMessageContaining("TimeoutException");
    }
  }

  /**
   * TLS-first: the client starts the TLS handshake as soon as it is connected, and the server's INFO
   * comes over TLS. The nats-server of the tests (2.9) has no {@code handshake_first} (2.10.4 has),
   * so a TLS-terminating proxy that handshakes at once, as such a server does, stands in front of a
   * plain server. A client that waits for the INFO first gets nothing from it, as from such a
   * server, and gives up after its handshake time-out, saying what to set.
   */
  @Test
  void tlsFirstHandshakesBeforeTheServersInfo() throws Exception {
    try (NatsServerRunner nats = TestNats.isolated()) {
      NetServer proxy = tlsTerminatingProxy(nats.getPort());
      String url = "tls://localhost:" + proxy.actualPort();

      Bus bus = connect(settings(url, new NatsTls(file("ca.pem"), null, null, true)));
      assertRequestsAndEventsGoThrough(bus);
      Await.result(bus.close());

      NatsSettings infoFirst = settings(url, new NatsTls(file("ca.pem"), null, null, false));
      assertThat(busRefusal(infoFirst)).as("the bus, waiting for the INFO")
          .hasMessageContaining("did not complete its handshake").hasMessageContaining("SHOP_NATS_TLS_FIRST");
      assertThat(jnatsRefusal(infoFirst)).as("jnats, waiting for the INFO").hasMessageContaining("TimeoutException");
    }
  }

  @Test
  void aKeyThatIsNotPkcs8OrACertificateWithoutItsKeyIsRefusedAtStart() throws Exception {
    NatsSettings traditionalKey = settings("tls://localhost:4222",
        new NatsTls(file("ca.pem"), file("client.pem"), file("client-key-sec1.pem"), false));
    assertThat(busRefusal(traditionalKey)).hasMessageContaining("client-key-sec1.pem")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    String certificate = file("client.pem");
    assertThatThrownBy(() -> new NatsTls(null, certificate, null, false))
        .hasMessageContaining("SHOP_NATS_TLS_KEY_FILE");
  }

  @Test
  void theTlsSettingsAreReadFromTheConfiguration() {
    NatsSettings settings = NatsSettings.from(ShopConfig.defaults()
        .with(ConfigKeys.NATS_URL, "nats://nats-1:4222")
        .with(ConfigKeys.NATS_TLS_CA_FILE, "/run/ca.pem")
        .with(ConfigKeys.NATS_TLS_CERT_FILE, "/run/client.pem")
        .with(ConfigKeys.NATS_TLS_KEY_FILE, "/run/client-key.pem")
        .with(ConfigKeys.NATS_TLS_FIRST, "true"));
    assertThat(settings.tls()).isEqualTo(new NatsTls("/run/ca.pem", "/run/client.pem", "/run/client-key.pem", true));
    assertThat(settings.tlsRequired()).as("TLS settings make TLS required, whatever the URL").isTrue();
    assertThat(NatsSettings.of("nats://a:4222,tls://b:4222").tlsRequired()).as("one tls:// URL, as in jnats").isTrue();
    assertThat(NatsSettings.of("nats://a:4222").tlsRequired()).isFalse();
  }

  /** A request answered over the links, and an event stored through jnats's JetStream. */
  private void assertRequestsAndEventsGoThrough(Bus bus) {
    String subject = "tls" + unique + ".say";
    Await.result(bus.serve(new ServiceDefinition("tls" + unique, "1.0.0", "answers over TLS")
        .endpoint(subject, request -> Future.succeededFuture(BusReply.ok(new JsonObject().put("said", true))))));
    assertThat(Await.result(bus.request(subject, new JsonObject(), RequestMeta.internal("t"))).bodyAsObject()
        .getBoolean("said")).as("a request and its reply").isTrue();

    JetStreamEvents events = (JetStreamEvents) bus.events(new EventSettings("TLS_" + unique, "tls-" + unique, 3,
        Duration.ofMillis(50), Duration.ofHours(1), Duration.ofSeconds(1), 1,
        Duration.ofSeconds(10)));
    Await.result(events.publish(new DomainEvent(Ids.newId(), "thing.happened", "svc", Instant.now(),
        new JsonObject().put("n", 1))));
    assertThat(Await.result(events.storedMessages())).as("an event stored in JetStream").isEqualTo(1L);
  }

  /** A TLS server that handshakes at once and passes the bytes on to the plain server on {@code natsPort}. */
  private NetServer tlsTerminatingProxy(int natsPort) throws Exception {
    NetClient upstream = vertx.createNetClient();
    NetServer proxy = vertx.createNetServer(new NetServerOptions().setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(file("server.pem")).setKeyPath(file("server-key.pem"))));
    proxy.connectHandler(client -> {
      client.pause();
      upstream.connect(natsPort, "127.0.0.1").onComplete(connected -> {
        if (connected.failed()) {
          client.close();
          return;
        }
        NetSocket server = connected.result();
        client.pipeTo(server);
        server.pipeTo(client);
      });
    });
    Await.result(proxy.listen(0, "127.0.0.1"));
    // The proxy's first handshake sets up its TLS, which took 4 s of a loaded 2-core machine: done
    // here, it is not counted in the handshake time a client gives a server.
    try (javax.net.ssl.SSLSocket warmUp = (javax.net.ssl.SSLSocket) new NatsTls(file("ca.pem"), null, null, true)
        .sslContext().getSocketFactory().createSocket("localhost", proxy.actualPort())) {
      warmUp.startHandshake();
    }
    return proxy;
  }

  private NatsServerRunner server(String tlsBlock, String serverCertificate) throws Exception {
    Path config = Files.writeString(Files.createTempFile("nats-tls", ".conf"), tlsBlock);
    Map<String, String> files = new java.util.HashMap<>(Map.of("SERVER_CERT", file(serverCertificate + ".pem"),
        "SERVER_KEY", file(serverCertificate + "-key.pem")));
    if (tlsBlock.contains("$CA")) {
      // nats-server takes a variable that nothing uses for an unknown field.
      files.put("CA", file("ca.pem"));
    }
    return TestNats.configured(config, files, line -> { });
  }

  private static NatsSettings settings(String url, NatsTls tls) {
    return NatsSettings.of(url).withTls(tls);
  }

  private static String file(String name) throws URISyntaxException {
    return Path.of(NatsTlsTest.class.getResource("/tls/" + name).toURI()).toString();
  }

  private Bus connect(NatsSettings settings) {
    return Await.result(NatsBus.connect(vertx, settings, "tls-test", TIMEOUT, BusSigning.of(TestSettings.BUS_SIGNING_KEY)));
  }

  private Throwable busRefusal(NatsSettings settings) {
    return Await.failure(NatsBus.connect(vertx, settings, "tls-test", TIMEOUT,
        BusSigning.of(TestSettings.BUS_SIGNING_KEY)));
  }

  /** jnats's own refusal: the bus's comes from its first link, which connects before jnats. */
  private static Throwable jnatsRefusal(NatsSettings settings) {
    return catchThrowable(() -> NatsBus.connectJnats(settings.apply(new Options.Builder())).close());
  }
}
