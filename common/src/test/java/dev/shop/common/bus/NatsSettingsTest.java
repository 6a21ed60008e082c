package dev.shop.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

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
      NatsSettings settings = new NatsSettings(nats.getURI(), null, null, null, seed.toString(), "_INBOX_echo");
      Bus bus = connect(settings);
      Await.result(bus.serve(new ServiceDefinition("echo", "1.0.0", "answers")
          .endpoint("echo.say", request -> Future.succeededFuture(BusReply.ok(new JsonObject().put("said", true))))));
      assertThat(Await.result(bus.request("echo.say", new JsonObject(), RequestMeta.internal("t"))).bodyAsObject()
          .getBoolean("said")).as("a request whose reply comes back under the JVM's prefix").isTrue();

      Bus defaultInbox = connect(new NatsSettings(nats.getURI(), null, null, null, seed.toString(), null));
      Future<BusReply> unanswerable = defaultInbox.request("echo.say", new JsonObject(), RequestMeta.internal("t"));
      assertThat(Await.failure(unanswerable)).as("replies on _INBOX., which this user may not read")
          .isInstanceOfSatisfying(ShopException.class, e -> assertThat(e.status()).isEqualTo(504));

      NKey stranger = NKey.createUser(null);
      Path strangerSeed = Files.writeString(Files.createTempFile("nkey", ".seed"), new String(stranger.getSeed()));
      Future<NatsBus> refused = NatsBus.connect(vertx,
          new NatsSettings(nats.getURI(), null, null, null, strangerSeed.toString(), null), "stranger", TIMEOUT,
          BusSigning.of(TestSettings.BUS_SIGNING_KEY));
      assertThat(Await.failure(refused)).as("an nkey the server does not know").isNotNull();
      Await.result(defaultInbox.close());
      Await.result(bus.close());
    }
  }

  private Bus connect(NatsSettings settings) {
    return Await.result(NatsBus.connect(vertx, settings, "settings-test", TIMEOUT,
        BusSigning.of(TestSettings.BUS_SIGNING_KEY)));
  }
}
