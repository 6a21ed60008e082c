package dev.shop.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.auth.Role;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusSigning;
import dev.shop.common.bus.Caller;
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
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user service on its own, against embedded PostgreSQL and a real nats-server: what other
 * services and foreign NATS clients see of it.
 */
class UserServiceTest {

  private static Vertx vertx;
  private static NatsBus bus;
  private static ShopConfig settings;
  private static String deployment;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    bus = Await.result(NatsBus.connect(vertx, NatsSettings.of(TestNats.url()), "user-service-test",
        Duration.ofSeconds(5), BusSigning.of(TestSettings.BUS_SIGNING_KEY)));
    settings = TestSettings.load(vertx, TestSettings.overrides()
        .put(ConfigKeys.databaseUrl(UserVerticle.SERVICE), TestDatabases.freshDatabase("user_service")));
    deployment = Await.result(vertx.deployVerticle(verticle(settings)));
  }

  /** The service as the launcher makes it, from {@code config}. */
  private static UserVerticle verticle(ShopConfig config) {
    return new UserVerticle(bus, ServiceSettings.from(UserVerticle.SERVICE, config), UserSettings.from(config));
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.undeploy(deployment).eventually(bus::close));
    Await.result(vertx.close());
  }

  private BusReply call(String subject, JsonObject body) {
    return Await.result(bus.request(subject, body, RequestMeta.internal("test-" + UUID.randomUUID())));
  }

  private JsonObject register(String name) {
    return call(UserSubjects.AUTH_REGISTER, new JsonObject().put("email", name + "-" + UUID.randomUUID() + "@example.com")
        .put("password", "password-1").put("fullName", name)).bodyAsObject();
  }

  @Test
  void anyNatsClientFindsTheUserServiceWithSrvPing() throws Exception {
    try (Connection nats = Nats.connect(TestNats.url())) {
      Message pong = nats.request("$SRV.PING.user", new byte[0], Duration.ofSeconds(2));
      JsonObject ping = new JsonObject(new String(pong.getData(), StandardCharsets.UTF_8));
      assertThat(ping.getString("name")).isEqualTo("user");
      assertThat(ping.getString("type")).isEqualTo("io.nats.micro.v1.ping_response");

      Message info = nats.request("$SRV.INFO.user", new byte[0], Duration.ofSeconds(2));
      JsonObject infoJson = new JsonObject(new String(info.getData(), StandardCharsets.UTF_8));
      List<String> subjects = infoJson.getJsonArray("endpoints").stream()
          .map(e -> ((JsonObject) e).getString("subject")).toList();
      assertThat(subjects).contains("auth.register", "auth.login", "auth.refresh", "user.findById", "address.create");
    }
  }

  @Test
  void aForeignClientMustSignItsRequestsAndThenCanRegisterAndSeeErrorsInHeaders() throws Exception {
    try (Connection nats = Nats.connect(TestNats.url())) {
      String body = new JsonObject().put("email", "foreign-" + UUID.randomUUID() + "@example.com")
          .put("password", "password-1").put("fullName", "Foreign").encode();
      Message unsigned = nats.request(UserSubjects.AUTH_REGISTER, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
      assertThat(unsigned.getHeaders().getFirst("Nats-Service-Error-Code")).isEqualTo("401");

      Message created = nats.request(UserSubjects.AUTH_REGISTER, signed("auth.register", body), body.getBytes(StandardCharsets.UTF_8),
          Duration.ofSeconds(5));
      assertThat(created.getHeaders().getFirst("Shop-Status")).isEqualTo("201");
      assertThat(new JsonObject(new String(created.getData(), StandardCharsets.UTF_8)).getString("accessToken"))
          .isNotBlank();

      Message duplicate = nats.request(UserSubjects.AUTH_REGISTER, signed("auth.register", body),
          body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
      assertThat(duplicate.getHeaders().getFirst("Nats-Service-Error-Code")).isEqualTo("409");
    }
  }

  /** A foreign client's request headers, signed with the platform's bus key (docs/PROTOCOL.md). */
  private static io.nats.client.impl.Headers signed(String subject, String body) {
    io.nats.client.impl.Headers headers = new io.nats.client.impl.Headers();
    BusSigning.of(TestSettings.BUS_SIGNING_KEY).sign(subject, RequestMeta.internal(null),
        body.getBytes(StandardCharsets.UTF_8), headers::put);
    return headers;
  }

  @Test
  void rolesAndOwnershipAreEnforcedInTheServiceItself() {
    JsonObject alice = register("alice");
    JsonObject bob = register("bob");
    Caller aliceCaller = Caller.user(alice.getJsonObject("user").getString("id"), Role.CUSTOMER);
    String bobId = bob.getJsonObject("user").getString("id");

    ShopException forbidden = (ShopException) Await.failure(bus.request(UserSubjects.USER_LIST, new JsonObject(),
        RequestMeta.of(aliceCaller, "t")));
    assertThat(forbidden.status()).isEqualTo(403);
    ShopException anonymous = (ShopException) Await.failure(bus.request(UserSubjects.USER_LIST, new JsonObject(),
        RequestMeta.internal("t")));
    assertThat(anonymous.status()).isEqualTo(401);
    ShopException hidden = (ShopException) Await.failure(bus.request(UserSubjects.USER_FIND_BY_ID,
        new JsonObject().put("id", bobId), RequestMeta.of(aliceCaller, "t")));
    assertThat(hidden.status()).isEqualTo(404);
  }

  @Test
  void concurrentRefreshesOfOneTokenRotateItOnlyOnce() {
    String refreshToken = register("racer").getString("refreshToken");
    List<Future<BusReply>> attempts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      attempts.add(bus.request(UserSubjects.AUTH_REFRESH, new JsonObject().put("refreshToken", refreshToken),
          RequestMeta.internal("race-" + i)));
    }
    long succeeded = attempts.stream().filter(attempt -> {
      try {
        Await.result(attempt);
        return true;
      } catch (ShopException e) {
        assertThat(e.status()).isEqualTo(401);
        return false;
      }
    }).count();
    assertThat(succeeded).isEqualTo(1);
  }

  @Test
  void aTokenKeyFileThatDoesNotExistStopsTheStartNamingSettingAndFile() {
    Throwable failure = Await.failure(vertx.deployVerticle(verticle(settings.with(ConfigKeys.JWT_VERIFY_KEY_FILES, "/nowhere/jwt-previous.pem"))));
    assertThat(failure).hasMessage("SHOP_JWT_VERIFY_KEY_FILES: /nowhere/jwt-previous.pem does not exist");
  }

  @Test
  void theAdministratorIsCreatedOnceAndLeftAsItIs() {
    JsonObject login = call(UserSubjects.AUTH_LOGIN, new JsonObject().put("email", TestSettings.ADMIN_EMAIL)
        .put("password", TestSettings.ADMIN_PASSWORD)).bodyAsObject();
    assertThat(login.getJsonObject("user").getString("role")).isEqualTo("ADMIN");

    // A restart with another configured password leaves the existing account untouched.
    Await.result(vertx.undeploy(deployment));
    deployment = Await.result(vertx.deployVerticle(verticle(settings.with(ConfigKeys.ADMIN_PASSWORD, "a-different-password"))));
    assertThat(call(UserSubjects.AUTH_LOGIN, new JsonObject().put("email", TestSettings.ADMIN_EMAIL)
        .put("password", TestSettings.ADMIN_PASSWORD)).status()).isEqualTo(200);
    // And the signing key survived the restart: the old token still verifies.
    assertThat(call(UserSubjects.AUTH_VERIFY, new JsonObject().put("token", login.getString("accessToken"))).bodyAsObject()
        .getBoolean("valid")).isTrue();
  }
}
