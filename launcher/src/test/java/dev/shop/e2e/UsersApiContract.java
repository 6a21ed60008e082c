package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.testing.TestSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract's "Auth and users" (openapi.json): the /users routes, their roles and ownership. */
abstract class UsersApiContract extends ApiTest {

  @Test
  void adminListsUsersWithPaginationAndSearch() {
    Session admin = admin();
    String marker = "Zephyrine" + UUID.randomUUID().toString().substring(0, 6);
    for (int i = 0; i < 3; i++) {
      http.post("/auth/register", new JsonObject().put("email", uniqueEmail("list" + i))
          .put("password", "password1").put("fullName", marker + " " + i), null);
    }

    Http.Response page1 = http.get("/users?search=" + marker.toLowerCase() + "&pageSize=2", admin.accessToken());
    assertThat(page1.status()).isEqualTo(200);
    JsonObject body = page1.json();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("users", "total", "page", "pageSize", "totalPages");
    assertThat(body.getLong("total")).isEqualTo(3);
    assertThat(body.getInteger("page")).isEqualTo(1);
    assertThat(body.getInteger("pageSize")).isEqualTo(2);
    assertThat(body.getInteger("totalPages")).isEqualTo(2);
    JsonArray users = body.getJsonArray("users");
    assertThat(users).hasSize(2);
    AuthApiContract.assertUserResponse(users.getJsonObject(0));
    // Newest first.
    assertThat(users.getJsonObject(0).getString("fullName")).isEqualTo(marker + " 2");

    JsonObject page2 = http.get("/users?search=" + marker + "&pageSize=2&page=2", admin.accessToken()).json();
    Set<String> ids = new HashSet<>();
    users.forEach(u -> ids.add(((JsonObject) u).getString("id")));
    page2.getJsonArray("users").forEach(u -> ids.add(((JsonObject) u).getString("id")));
    assertThat(ids).hasSize(3);

    assertThat(http.get("/users", admin.accessToken()).json().getInteger("pageSize")).isEqualTo(20);
  }

  @Test
  void searchTreatsWildcardsLiterally() {
    Session admin = admin();
    JsonObject body = http.get("/users?search=%25%25%25nobody-has-this", admin.accessToken()).json();
    assertThat(body.getLong("total")).isZero();
  }

  @Test
  void paginationOutOfRangeIs400() {
    Session admin = admin();
    assertThat(detailFields(assertError(http.get("/users?pageSize=101", admin.accessToken()), 400, "/users")))
        .containsExactly("pageSize");
    assertThat(detailFields(assertError(http.get("/users?page=0", admin.accessToken()), 400, "/users")))
        .containsExactly("page");
    assertError(http.get("/users?page=abc", admin.accessToken()), 400, "/users");
  }

  @Test
  void customersMayNotUseAdminRoutes() {
    Session customer = register("customer");
    assertError(http.get("/users", customer.accessToken()), 403, "/users");
    assertError(http.get("/users/email/" + customer.email(), customer.accessToken()), 403,
        "/users/email/" + customer.email());
    assertError(http.post("/users", new JsonObject().put("email", uniqueEmail("x")).put("password", "password1"),
        customer.accessToken()), 403, "/users");
    assertError(http.put("/users/" + customer.userId() + "/deactivate", null, customer.accessToken()), 403,
        "/users/" + customer.userId() + "/deactivate");
    assertError(http.get("/users", null), 401, "/users");
  }

  @Test
  void aUserSeesThemselvesButNotOthers() {
    Session alice = register("alice");
    Session bob = register("bob");
    Http.Response self = http.get("/users/" + alice.userId(), alice.accessToken());
    assertThat(self.status()).isEqualTo(200);
    assertThat(self.json().getString("email")).isEqualTo(alice.email());

    assertError(http.get("/users/" + bob.userId(), alice.accessToken()), 404, "/users/" + bob.userId());
    assertError(http.put("/users/" + bob.userId(), new JsonObject().put("fullName", "Hacked"), alice.accessToken()),
        404, "/users/" + bob.userId());

    Session admin = admin();
    assertThat(http.get("/users/" + bob.userId(), admin.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void unknownIdsAre404WhetherWellFormedOrNot() {
    Session admin = admin();
    String unknown = UUID.randomUUID().toString();
    assertError(http.get("/users/" + unknown, admin.accessToken()), 404, "/users/" + unknown);
    assertError(http.get("/users/not-an-id", admin.accessToken()), 404, "/users/not-an-id");
    assertError(http.put("/users/not-an-id", new JsonObject().put("fullName", "X"), admin.accessToken()), 404,
        "/users/not-an-id");
    assertError(http.put("/users/" + unknown + "/deactivate", null, admin.accessToken()), 404,
        "/users/" + unknown + "/deactivate");
    assertError(http.get("/users/email/nobody@nowhere.example", admin.accessToken()), 404,
        "/users/email/nobody@nowhere.example");
  }

  @Test
  void adminFindsAUserByEmail() {
    Session user = register("byemail");
    Http.Response found = http.get("/users/email/" + user.email().toUpperCase(), admin().accessToken());
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().getString("id")).isEqualTo(user.userId());
  }

  @Test
  void adminCreatesUsersOfEitherRole() {
    Session admin = admin();
    String email = uniqueEmail("staff");
    Http.Response created = http.post("/users", new JsonObject().put("email", email).put("password", "password1")
        .put("role", "ADMIN").put("fullName", "Staff Member"), admin.accessToken());
    assertThat(created.status()).isEqualTo(201);
    AuthApiContract.assertUserResponse(created.json());
    assertThat(created.json().getString("role")).isEqualTo("ADMIN");
    assertThat(created.json().getValue("phone")).isNull();

    Session staff = login(email, "password1");
    assertThat(http.get("/users", staff.accessToken()).status()).isEqualTo(200);

    Http.Response customer = http.post("/users", new JsonObject().put("email", uniqueEmail("plain"))
        .put("password", "password1"), admin.accessToken());
    assertThat(customer.json().getString("role")).isEqualTo("CUSTOMER");

    assertError(http.post("/users", new JsonObject().put("email", email).put("password", "password1"),
        admin.accessToken()), 409, "/users");
    assertThat(detailFields(assertError(http.post("/users", new JsonObject().put("email", uniqueEmail("r"))
        .put("password", "password1").put("role", "ROOT"), admin.accessToken()), 400, "/users"))).containsExactly("role");
  }

  @Test
  void aUserUpdatesTheirOwnNameAndPhone() {
    Session user = register("update");
    Http.Response updated = http.put("/users/" + user.userId(),
        new JsonObject().put("fullName", "New Name").put("phone", "0912345678"), user.accessToken());
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().getString("fullName")).isEqualTo("New Name");
    assertThat(updated.json().getString("phone")).isEqualTo("0912345678");
    assertThat(updated.json().getString("updatedAt")).isGreaterThanOrEqualTo(updated.json().getString("createdAt"));

    Http.Response cleared = http.put("/users/" + user.userId(), new JsonObject().putNull("phone"), user.accessToken());
    assertThat(cleared.json().getValue("phone")).isNull();
    assertThat(cleared.json().getString("fullName")).isEqualTo("New Name");

    assertThat(detailFields(assertError(http.put("/users/" + user.userId(),
        new JsonObject().put("email", "new@example.com"), user.accessToken()), 400, "/users/" + user.userId())))
        .containsExactly("email");
    assertThat(detailFields(assertError(http.put("/users/" + user.userId(),
        new JsonObject().put("phone", "call me"), user.accessToken()), 400, "/users/" + user.userId())))
        .containsExactly("phone");
  }

  @Test
  void aCustomerSendingRoleOrIsActiveGets403() {
    Session user = register("escalate");
    assertError(http.put("/users/" + user.userId(), new JsonObject().put("role", "ADMIN"), user.accessToken()), 403,
        "/users/" + user.userId());
    assertError(http.put("/users/" + user.userId(), new JsonObject().put("isActive", true), user.accessToken()), 403,
        "/users/" + user.userId());
    assertThat(http.get("/auth/me", user.accessToken()).json().getString("role")).isEqualTo("CUSTOMER");
  }

  @Test
  void adminChangesRoleAndActivation() {
    Session admin = admin();
    Session user = register("promote");
    Http.Response promoted = http.put("/users/" + user.userId(), new JsonObject().put("role", "ADMIN"),
        admin.accessToken());
    assertThat(promoted.json().getString("role")).isEqualTo("ADMIN");

    Http.Response deactivated = http.put("/users/" + user.userId(), new JsonObject().put("isActive", false),
        admin.accessToken());
    assertThat(deactivated.json().getBoolean("isActive")).isFalse();
    assertError(http.post("/auth/refresh", new JsonObject().put("refreshToken", user.refreshToken()), null), 401,
        "/auth/refresh");

    Http.Response reactivated = http.put("/users/" + user.userId(), new JsonObject().put("isActive", true),
        admin.accessToken());
    assertThat(reactivated.json().getBoolean("isActive")).isTrue();
    assertThat(login(user.email(), user.password()).userId()).isEqualTo(user.userId());
  }

  @Test
  void aDeactivatedUsersAccessTokenIsRefusedWithinSecondsNotAtExpiry() throws InterruptedException {
    Session admin = admin();
    Session user = register("leaver");
    assertThat(http.get("/auth/me", user.accessToken()).status()).isEqualTo(200);
    assertThat(http.put("/users/" + user.userId() + "/deactivate", null, admin.accessToken()).status())
        .isEqualTo(200);

    // The gateway keeps an account's status for SHOP_ACCOUNT_STATUS_CACHE_MS (300 ms in tests, 5 s by default).
    long deadline = System.currentTimeMillis() + 5_000;
    Http.Response me = http.get("/auth/me", user.accessToken());
    while (me.status() == 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      me = http.get("/auth/me", user.accessToken());
    }
    assertThat(assertError(me, 401, "/auth/me").getString("message")).isEqualTo("Account is deactivated");
    // Each gateway instance keeps its own answer: past one keeping time, every instance refuses.
    Thread.sleep(TestSettings.ACCOUNT_STATUS_CACHE_MS + 200);
    for (int n = 0; n < 4; n++) {
      assertError(http.get("/orders", user.accessToken()), 401, "/orders");
    }
    assertError(http.post("/auth/refresh", new JsonObject().put("refreshToken", user.refreshToken()), null), 401,
        "/auth/refresh");
    // Other users are not affected.
    assertThat(http.get("/auth/me", admin.accessToken()).status()).isEqualTo(200);
  }

  @Test
  void anAdminCannotLockThemselvesOut() {
    Session admin = admin();
    assertError(http.put("/users/" + admin.userId() + "/deactivate", null, admin.accessToken()), 409,
        "/users/" + admin.userId() + "/deactivate");
    assertError(http.put("/users/" + admin.userId(), new JsonObject().put("role", "CUSTOMER"), admin.accessToken()),
        409, "/users/" + admin.userId());
  }
}
