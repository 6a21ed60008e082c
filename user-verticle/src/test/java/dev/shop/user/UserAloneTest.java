package dev.shop.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Concurrently;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.common.testing.TestSettings;
import dev.shop.contract.user.AddressFindRequest;
import dev.shop.contract.user.UserEvents;
import dev.shop.contract.user.UserStatusRequest;
import dev.shop.contract.user.UserSubjects;
import dev.shop.contract.user.UserSummaries;
import dev.shop.contract.user.UserSummariesRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user service alone against its own database, called as the gateway calls it: accounts and
 * their tokens, the roles and ownership its subjects enforce, and its writes racing each other.
 */
class UserAloneTest {

  /** The first requests of a cold service on a loaded machine can take seconds; no peer here hangs. */
  private static final String ROOM_FOR_A_LOADED_MACHINE_MS = "10000";

  private static final UUID ADMIN = UUID.randomUUID();
  private static final String PASSWORD = "password-1";
  private static ServiceUnderTest user;

  @BeforeAll
  static void start() {
    user = ServiceUnderTest.start(UserVerticle.SERVICE, UserVerticle.FACTORY,
        settings -> settings.put(ConfigKeys.BUS_TIMEOUT_MS, ROOM_FOR_A_LOADED_MACHINE_MS));
  }

  @AfterAll
  static void stop() {
    user.close();
  }

  @Test
  void aCustomerRegistersLogsInRefreshesAndLogsOut() {
    String email = "Carol-" + UUID.randomUUID() + "@Example.com";
    BusReply registered = user.call(UserSubjects.AUTH_REGISTER, new JsonObject().put("email", email).put("password", PASSWORD)
        .put("fullName", "Carol"), ServiceUnderTest.anonymous());
    assertThat(registered.status()).isEqualTo(201);
    JsonObject account = registered.bodyAsObject().getJsonObject("user");
    assertThat(account.getString("email")).isEqualTo(email.toLowerCase());
    assertThat(account.getString("role")).isEqualTo("CUSTOMER");
    UUID id = UUID.fromString(account.getString("id"));
    assertThat(user.outbox(UserEvents.REGISTERED)).filteredOn(e -> e.data().getString("userId").equals(id.toString()))
        .singleElement().satisfies(event -> assertThat(event.data().getString("email")).isEqualTo(email.toLowerCase()));

    JsonObject login = login(email.toUpperCase(), PASSWORD);
    assertThat(login.getJsonObject("user").getString("id")).isEqualTo(id.toString());
    ShopException wrongPassword = user.refusal(UserSubjects.AUTH_LOGIN, credentials(email, "password-2"),
        ServiceUnderTest.anonymous());
    ShopException unknownEmail = user.refusal(UserSubjects.AUTH_LOGIN, credentials("nobody-" + email, PASSWORD),
        ServiceUnderTest.anonymous());
    assertThat(List.of(wrongPassword, unknownEmail)).allSatisfy(refused -> {
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.getMessage()).isEqualTo("Invalid email or password");
    });

    String first = login.getString("refreshToken");
    JsonObject refreshed = refresh(first);
    assertThat(refreshed.getString("refreshToken")).isNotEqualTo(first);
    assertThat(verify(refreshed.getString("accessToken")).getString("userId")).isEqualTo(id.toString());
    // The used token again is a reuse: it and its whole family stop working.
    assertThat(refusedRefresh(first).status()).isEqualTo(401);
    assertThat(refusedRefresh(refreshed.getString("refreshToken")).status()).isEqualTo(401);

    String other = login(email, PASSWORD).getString("refreshToken");
    assertThat(user.call(UserSubjects.AUTH_LOGOUT, new JsonObject().put("refreshToken", other), ServiceUnderTest.anonymous())
        .bodyAsObject().getBoolean("success")).isTrue();
    assertThat(refusedRefresh(other).status()).isEqualTo(401);
    assertThat(user.number("SELECT count(*) FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL", id))
        .as("the registration's, never used").isEqualTo(1);

    ShopException taken = user.refusal(UserSubjects.AUTH_REGISTER, new JsonObject().put("email", email.toLowerCase())
        .put("password", PASSWORD).put("fullName", "Other"), ServiceUnderTest.anonymous());
    assertThat(taken.status()).isEqualTo(409);
  }

  @Test
  void aDeactivatedAccountCannotLogInRefreshOrVerify() {
    String email = "dave-" + UUID.randomUUID() + "@example.com";
    JsonObject registered = register(email);
    UUID id = idOf(registered);
    String refreshToken = login(email, PASSWORD).getString("refreshToken");

    assertThat(user.refusal(UserSubjects.USER_DEACTIVATE, new JsonObject().put("id", id.toString()),
        ServiceUnderTest.customer(id)).status()).isEqualTo(403);
    assertThat(user.refusal(UserSubjects.USER_DEACTIVATE, new JsonObject().put("id", ADMIN.toString()),
        ServiceUnderTest.admin(ADMIN)).status()).as("not oneself").isEqualTo(409);
    JsonObject deactivated = user.call(UserSubjects.USER_DEACTIVATE, new JsonObject().put("id", id.toString()),
        ServiceUnderTest.admin(ADMIN)).bodyAsObject();
    assertThat(deactivated.getBoolean("isActive")).isFalse();

    ShopException login = user.refusal(UserSubjects.AUTH_LOGIN, credentials(email, PASSWORD), ServiceUnderTest.anonymous());
    assertThat(login.status()).isEqualTo(401);
    assertThat(login.getMessage()).isEqualTo("Account is deactivated");
    assertThat(refusedRefresh(refreshToken).status()).isEqualTo(401);
    assertThat(refusedRefresh(registered.getString("refreshToken")).status()).isEqualTo(401);
    assertThat(verify(registered.getString("accessToken")).getBoolean("valid")).isFalse();
    // Read as JSON, not as UserStatusReply: the record takes an absent "active" for false.
    assertThat(user.call(UserSubjects.USER_STATUS, new UserStatusRequest(id).toJson(), ServiceUnderTest.anonymous())
        .bodyAsObject().getBoolean("active")).isFalse();
    assertThat(user.number("SELECT count(*) FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL", id))
        .isZero();
  }

  @Test
  void adminSubjectsRefuseAnonymousCallersWith401AndCustomersWith403() {
    UUID customer = idOf(register("eve-" + UUID.randomUUID() + "@example.com"));
    List<JsonObject> adminOnly = List.of(
        request(UserSubjects.USER_LIST, new JsonObject()),
        request(UserSubjects.USER_FIND_BY_EMAIL, new JsonObject().put("email", TestSettings.ADMIN_EMAIL)),
        request(UserSubjects.USER_CREATE, new JsonObject().put("email", "new-" + UUID.randomUUID() + "@example.com")
            .put("password", PASSWORD)),
        request(UserSubjects.USER_DEACTIVATE, new JsonObject().put("id", customer.toString())));
    for (JsonObject call : adminOnly) {
      String subject = call.getString("subject");
      JsonObject body = call.getJsonObject("body");
      assertThat(user.refusal(subject, body, ServiceUnderTest.anonymous()).status()).as(subject).isEqualTo(401);
      assertThat(user.refusal(subject, body, ServiceUnderTest.customer(customer)).status()).as(subject).isEqualTo(403);
    }
    assertThat(user.call(UserSubjects.USER_FIND_BY_ID, new JsonObject().put("id", customer.toString()),
        ServiceUnderTest.customer(customer)).status()).isEqualTo(200);

    // A customer changing their own role or activation is 403; another's account is 404 whatever the change.
    ShopException promote = user.refusal(UserSubjects.USER_UPDATE, new JsonObject().put("id", customer.toString())
        .put("changes", new JsonObject().put("role", "ADMIN")), ServiceUnderTest.customer(customer));
    assertThat(promote.status()).isEqualTo(403);
    UUID other = idOf(register("frank-" + UUID.randomUUID() + "@example.com"));
    for (JsonObject changes : List.of(new JsonObject().put("role", "ADMIN"), new JsonObject().put("fullName", "X"))) {
      assertThat(user.refusal(UserSubjects.USER_UPDATE, new JsonObject().put("id", other.toString()).put("changes", changes),
          ServiceUnderTest.customer(customer)).status()).isEqualTo(404);
    }
    assertThat(user.refusal(UserSubjects.USER_FIND_BY_ID, new JsonObject().put("id", other.toString()),
        ServiceUnderTest.customer(customer)).status()).isEqualTo(404);
    assertThat(user.rows("SELECT role, full_name FROM users WHERE id = $1", customer)).singleElement()
        .satisfies(row -> assertThat(row.getString("role")).isEqualTo("CUSTOMER"));

    // user.status is for services only.
    assertThat(user.refusal(UserSubjects.USER_STATUS, new UserStatusRequest(customer).toJson(),
        ServiceUnderTest.customer(customer)).status()).isEqualTo(403);
    JsonObject promoted = user.call(UserSubjects.USER_UPDATE, new JsonObject().put("id", other.toString())
        .put("changes", new JsonObject().put("role", "ADMIN")), ServiceUnderTest.admin(ADMIN)).bodyAsObject();
    assertThat(promoted.getString("role")).isEqualTo("ADMIN");
  }

  @Test
  void addressesAreSeenAndChangedOnlyByTheirOwner() {
    UUID alice = idOf(register("alice-" + UUID.randomUUID() + "@example.com"));
    UUID bob = idOf(register("bob-" + UUID.randomUUID() + "@example.com"));
    JsonObject home = createAddress(alice, "Home", false);
    JsonObject work = createAddress(alice, "Work", false);
    assertThat(home.getBoolean("isDefault")).as("the first address is the default").isTrue();
    assertThat(work.getBoolean("isDefault")).isFalse();

    String homeId = home.getString("id");
    for (JsonObject call : List.of(
        request(UserSubjects.ADDRESS_UPDATE, new JsonObject().put("id", homeId).put("changes", new JsonObject().put("city", "X"))),
        request(UserSubjects.ADDRESS_SET_DEFAULT, new JsonObject().put("id", work.getString("id"))),
        request(UserSubjects.ADDRESS_DELETE, new JsonObject().put("id", homeId)))) {
      ShopException refused = user.refusal(call.getString("subject"), call.getJsonObject("body"),
          ServiceUnderTest.customer(bob));
      assertThat(refused.status()).as(call.getString("subject")).isEqualTo(404);
    }
    assertThat(user.call(UserSubjects.ADDRESS_LIST_BY_USER, new JsonObject(), ServiceUnderTest.customer(bob)).bodyAsArray())
        .isEmpty();
    assertThat(user.refusal(UserSubjects.ADDRESS_LIST_BY_USER, new JsonObject(), ServiceUnderTest.anonymous()).status())
        .isEqualTo(401);
    assertThat(user.rows("SELECT city, is_default FROM addresses WHERE id = $1", UUID.fromString(homeId)))
        .singleElement().satisfies(row -> {
          assertThat(row.getString("city")).isEqualTo("Hanoi");
          assertThat(row.getBoolean("is_default")).isTrue();
        });

    // The owner deletes the default: the other address takes over.
    user.call(UserSubjects.ADDRESS_DELETE, new JsonObject().put("id", homeId), ServiceUnderTest.customer(alice));
    assertThat(user.call(UserSubjects.ADDRESS_LIST_BY_USER, new JsonObject(), ServiceUnderTest.customer(alice)).bodyAsArray())
        .singleElement().satisfies(only -> assertThat(((JsonObject) only).getBoolean("isDefault")).isTrue());
  }

  /** What the order service asks for an administrator's views of orders: customers by id, any user's address. */
  @Test
  void administratorsReadCustomerSummariesInOneRequestAndAnyUsersAddress() {
    UUID hoa = idOf(register("hoa-" + UUID.randomUUID() + "@example.com"));
    UUID minh = idOf(register("minh-" + UUID.randomUUID() + "@example.com"));
    UUID unknown = UUID.randomUUID();
    JsonObject ids = new UserSummariesRequest(List.of(hoa, minh, unknown, hoa)).toJson();

    UserSummaries found = UserSummaries.fromJson(user.call(UserSubjects.USER_SUMMARIES, ids,
        ServiceUnderTest.admin(ADMIN)).bodyAsObject());

    assertThat(found.byId().keySet()).containsExactlyInAnyOrder(hoa, minh);
    assertThat(found.byId().get(hoa).email()).startsWith("hoa-");
    assertThat(found.byId().get(hoa).fullName()).isEqualTo("Someone");
    assertThat(user.call(UserSubjects.USER_SUMMARIES, new UserSummariesRequest(List.of()).toJson(),
        ServiceUnderTest.admin(ADMIN)).bodyAsObject()).isEqualTo(new JsonObject().put("users", new JsonArray()));
    ShopException malformed = user.refusal(UserSubjects.USER_SUMMARIES, new JsonObject()
        .put("ids", new JsonArray().add(hoa.toString()).add("hoa")).put("more", 1), ServiceUnderTest.admin(ADMIN));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.details()).extracting(FieldError::field).containsExactlyInAnyOrder("ids[1]", "more");
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i <= UserSummariesRequest.MAX_IDS; i++) {
      tooMany.add(UUID.randomUUID().toString());
    }
    assertThat(user.refusal(UserSubjects.USER_SUMMARIES, new JsonObject().put("ids", tooMany),
        ServiceUnderTest.admin(ADMIN)).details()).extracting(FieldError::field).containsExactly("ids");
    assertThat(user.refusal(UserSubjects.USER_SUMMARIES, new JsonObject(), ServiceUnderTest.admin(ADMIN)).details())
        .extracting(FieldError::field).containsExactly("ids");

    JsonObject home = createAddress(hoa, "Home", true);
    JsonObject read = user.call(UserSubjects.ADDRESS_FIND_BY_ID, new AddressFindRequest(UUID.fromString(
        home.getString("id"))).toJson(), ServiceUnderTest.admin(ADMIN)).bodyAsObject();
    assertThat(read).isEqualTo(home);
    assertThat(user.refusal(UserSubjects.ADDRESS_FIND_BY_ID, new AddressFindRequest(unknown).toJson(),
        ServiceUnderTest.admin(ADMIN)).status()).isEqualTo(404);
    assertThat(user.refusal(UserSubjects.ADDRESS_FIND_BY_ID, new JsonObject().put("id", "home"),
        ServiceUnderTest.admin(ADMIN)).status()).isEqualTo(404);

    for (JsonObject call : List.of(request(UserSubjects.USER_SUMMARIES, ids),
        request(UserSubjects.ADDRESS_FIND_BY_ID, new JsonObject().put("id", home.getString("id"))))) {
      String subject = call.getString("subject");
      assertThat(user.refusal(subject, call.getJsonObject("body"), ServiceUnderTest.anonymous()).status()).as(subject)
          .isEqualTo(401);
      assertThat(user.refusal(subject, call.getJsonObject("body"), ServiceUnderTest.customer(hoa)).status()).as(subject)
          .isEqualTo(403);
    }
  }

  @Test
  void ofConcurrentRegistrationsWithOneEmailExactlyOneWins() {
    String email = "twin-" + UUID.randomUUID() + "@example.com";
    List<Callable<Integer>> registrations = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      JsonObject body = new JsonObject().put("email", i % 2 == 0 ? email : email.toUpperCase())
          .put("password", PASSWORD).put("fullName", "Twin " + i);
      registrations.add(() -> statusOf("auth.register", body));
    }
    List<Integer> statuses = Concurrently.run(registrations);

    assertThat(statuses).containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
    assertThat(user.number("SELECT count(*) FROM users WHERE email = $1", email)).isEqualTo(1);
    assertThat(user.outbox(UserEvents.REGISTERED)).filteredOn(e -> email.equals(e.data().getString("email"))).hasSize(1);
  }

  /** One user's address changes, refreshes and deactivation at once: no deadlock, one default, no live token. */
  @Test
  void oneUsersWritesRacingEachOtherLeaveOneDefaultAndNoLiveToken() {
    String email = "grace-" + UUID.randomUUID() + "@example.com";
    JsonObject registered = register(email);
    UUID grace = idOf(registered);
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      addresses.add(createAddress(grace, "Address " + i, false).getString("id"));
    }
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tokens.add(login(email, PASSWORD).getString("refreshToken"));
    }

    List<Callable<Integer>> writes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String address = addresses.get(i);
      String token = tokens.get(i);
      int n = i;
      writes.add(() -> statusOf("address.setDefault", new JsonObject().put("id", address), grace));
      writes.add(() -> statusOf("address.create", addressBody("New " + n).put("isDefault", true), grace));
      writes.add(() -> statusOf("auth.refresh", new JsonObject().put("refreshToken", token), null));
      writes.add(() -> statusOf("user.update", new JsonObject().put("id", grace.toString())
          .put("changes", new JsonObject().put("fullName", "Grace " + n)), grace));
    }
    writes.add(() -> statusOf("address.delete", new JsonObject().put("id", addresses.get(0)), grace));
    writes.add(() -> statusOf("user.deactivate", new JsonObject().put("id", grace.toString()), ADMIN));
    List<Integer> statuses = Concurrently.run(writes);

    assertThat(statuses).as("every write answered; none aborted as a deadlock (500)")
        .allMatch(status -> status == 200 || status == 201 || status == 401 || status == 404);
    assertThat(statuses.get(statuses.size() - 1)).isEqualTo(200);
    assertThat(user.number("SELECT count(*) FROM addresses WHERE user_id = $1 AND is_default", grace)).isEqualTo(1);
    assertThat(user.number("SELECT count(*) FROM addresses WHERE user_id = $1", grace)).isEqualTo(4 + 4 - 1);
    // Whatever a refresh answered before the deactivation, no token of the account refreshes now.
    for (String token : tokens) {
      assertThat(refusedRefresh(token).status()).isEqualTo(401);
    }
    assertThat(user.number("SELECT count(*) FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL", grace))
        .as("a refresh racing the deactivation issued no token it missed").isZero();
    assertThat(user.refusal(UserSubjects.AUTH_LOGIN, credentials(email, PASSWORD), ServiceUnderTest.anonymous()).status())
        .isEqualTo(401);
  }

  // ---- helpers ----

  private static JsonObject register(String email) {
    return user.call(UserSubjects.AUTH_REGISTER, new JsonObject().put("email", email).put("password", PASSWORD)
        .put("fullName", "Someone"), ServiceUnderTest.anonymous()).bodyAsObject();
  }

  private static UUID idOf(JsonObject authResponse) {
    return UUID.fromString(authResponse.getJsonObject("user").getString("id"));
  }

  private static JsonObject credentials(String email, String password) {
    return new JsonObject().put("email", email).put("password", password);
  }

  private static JsonObject login(String email, String password) {
    return user.call(UserSubjects.AUTH_LOGIN, credentials(email, password), ServiceUnderTest.anonymous()).bodyAsObject();
  }

  private static JsonObject refresh(String refreshToken) {
    return user.call(UserSubjects.AUTH_REFRESH, new JsonObject().put("refreshToken", refreshToken), ServiceUnderTest.anonymous())
        .bodyAsObject();
  }

  private static ShopException refusedRefresh(String refreshToken) {
    return user.refusal(UserSubjects.AUTH_REFRESH, new JsonObject().put("refreshToken", refreshToken),
        ServiceUnderTest.anonymous());
  }

  private static JsonObject verify(String accessToken) {
    return user.call(UserSubjects.AUTH_VERIFY, new JsonObject().put("token", accessToken), ServiceUnderTest.anonymous())
        .bodyAsObject();
  }

  private static JsonObject addressBody(String name) {
    return new JsonObject().put("fullName", name).put("phone", "+84 912 345 678").put("street", "1 Trang Tien")
        .put("ward", "Trang Tien").put("district", "Hoan Kiem").put("city", "Hanoi");
  }

  private static JsonObject createAddress(UUID owner, String name, boolean isDefault) {
    return user.call(UserSubjects.ADDRESS_CREATE, addressBody(name).put("isDefault", isDefault), ServiceUnderTest.customer(owner))
        .bodyAsObject();
  }

  private static JsonObject request(String subject, JsonObject body) {
    return new JsonObject().put("subject", subject).put("body", body);
  }

  /** The status a caller sees: the answer's, or the error's. {@code caller} null: anonymous; ADMIN: the admin. */
  private static int statusOf(String subject, JsonObject body, UUID caller) {
    var meta = caller == null ? ServiceUnderTest.anonymous()
        : caller.equals(ADMIN) ? ServiceUnderTest.admin(ADMIN) : ServiceUnderTest.customer(caller);
    try {
      return user.call(subject, body, meta).status();
    } catch (ShopException refused) {
      return refused.status();
    }
  }

  private static int statusOf(String subject, JsonObject body) {
    return statusOf(subject, body, null);
  }
}
