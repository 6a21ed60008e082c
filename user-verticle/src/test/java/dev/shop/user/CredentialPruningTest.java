package dev.shop.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusSigning;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.error.ShopException;
import dev.shop.common.service.ServiceSettings;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import dev.shop.common.testing.TestNats;
import dev.shop.common.testing.TestSettings;
import dev.shop.contract.user.UserSubjects;
import dev.shop.nats.NatsBus;
import dev.shop.nats.NatsSettings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user service deletes sign-in records nobody needs any more: an email's failure count once
 * it has been quiet for {@code SHOP_LOGIN_FAILURES_KEPT_SECONDS} (its failures then count from one
 * again), and refresh tokens past their expiry. Here failures are kept one second and refresh
 * tokens live three.
 */
class CredentialPruningTest {

  private static final int FREE_FAILURES = 2;

  private static Vertx vertx;
  private static NatsBus bus;
  private static Pool database;
  private static String deployment;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    bus = Await.result(NatsBus.connect(vertx, NatsSettings.of(TestNats.url()), "credential-pruning-test",
        Duration.ofSeconds(5), BusSigning.of(TestSettings.BUS_SIGNING_KEY)));
    String url = TestDatabases.freshDatabase("credential_pruning");
    ShopConfig settings = TestSettings.load(vertx, TestSettings.overrides()
        .put(ConfigKeys.databaseUrl(UserVerticle.SERVICE), url)
        .put(ConfigKeys.LOGIN_FREE_FAILURES, Integer.toString(FREE_FAILURES))
        .put(ConfigKeys.LOGIN_MAX_BLOCK_SECONDS, "1")
        .put(ConfigKeys.LOGIN_FAILURES_KEPT_SECONDS, "1")
        .put(ConfigKeys.REFRESH_TOKEN_TTL_SECONDS, "3"));
    deployment = Await.result(vertx.deployVerticle(verticle(settings)));
    database = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
  }

  /** The service as the launcher makes it, from {@code config}. */
  private static UserVerticle verticle(ShopConfig config) {
    return new UserVerticle(bus, ServiceSettings.from(UserVerticle.SERVICE, config), UserSettings.from(config));
  }

  @AfterAll
  static void stop() {
    Await.result(database.close());
    Await.result(vertx.undeploy(deployment).eventually(bus::close));
    Await.result(vertx.close());
  }

  private static int login(String email, String password) {
    try {
      Await.result(bus.request(UserSubjects.AUTH_LOGIN, new JsonObject().put("email", email).put("password", password),
          RequestMeta.internal("test-" + UUID.randomUUID())));
      return 200;
    } catch (ShopException refused) {
      return refused.status();
    }
  }

  private static long count(String sql, Object value) {
    return Await.result(database.preparedQuery(sql).execute(Tuple.of(value))).iterator().next().getLong(0);
  }

  @Test
  void aQuietEmailsFailuresAndExpiredRefreshTokensAreDeleted() throws Exception {
    String email = "pruned-" + UUID.randomUUID() + "@example.com";
    String userId = Await.result(bus.request(UserSubjects.AUTH_REGISTER, new JsonObject().put("email", email)
            .put("password", "password-1").put("fullName", "Pruned"), RequestMeta.internal("test-register")))
        .bodyAsObject().getJsonObject("user").getString("id");

    // Past the free failures the email is made to wait.
    for (int n = 0; n <= FREE_FAILURES; n++) {
      assertThat(login(email, "wrong-password")).isEqualTo(401);
    }
    assertThat(login(email, "wrong-password")).as("blocked after the free failures").isEqualTo(429);
    assertThat(count("SELECT count(*) FROM refresh_tokens WHERE user_id = $1", UUID.fromString(userId))).isEqualTo(1);

    // Quiet for longer than the kept time: the count and the expired refresh token go.
    long deadline = System.currentTimeMillis() + 15_000;
    while ((count("SELECT count(*) FROM login_failures WHERE email = $1", email) > 0
        || count("SELECT count(*) FROM refresh_tokens WHERE user_id = $1", UUID.fromString(userId)) > 0)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(count("SELECT count(*) FROM login_failures WHERE email = $1", email)).as("failure count pruned").isZero();
    assertThat(count("SELECT count(*) FROM refresh_tokens WHERE user_id = $1", UUID.fromString(userId)))
        .as("expired refresh token pruned").isZero();

    // Its failures count from one again: the free ones are free once more (else this third attempt
    // would be the fifth failure in a row, waiting out the fourth's delay).
    for (int n = 0; n < FREE_FAILURES; n++) {
      assertThat(login(email, "wrong-password")).isEqualTo(401);
    }
    assertThat(login(email, "password-1")).as("signs in, not made to wait").isEqualTo(200);
    assertThat(count("SELECT count(*) FROM refresh_tokens WHERE user_id = $1", UUID.fromString(userId)))
        .as("the new login's refresh token").isEqualTo(1);
  }
}
