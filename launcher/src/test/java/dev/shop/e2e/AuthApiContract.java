package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's "Auth and users" (openapi.json): registration, login, tokens. */
abstract class AuthApiContract extends ApiTest {

  @Test
  void registerAnswersAnAuthResponseForANewCustomer() {
    String email = uniqueEmail("Anna");
    Http.Response response = http.post("/auth/register", new JsonObject()
        .put("email", "  " + email.toUpperCase() + " ").put("password", "correct horse").put("fullName", "Anna Nguyễn")
        .put("phone", "+84 901 234 567"), null);

    assertThat(response.status()).isEqualTo(201);
    JsonObject auth = response.json();
    assertThat(auth.fieldNames()).containsExactlyInAnyOrder("accessToken", "refreshToken", "expiresIn", "user");
    assertThat(auth.getInteger("expiresIn")).isEqualTo(900);
    assertThat(auth.getJsonObject("user").fieldNames()).containsExactlyInAnyOrder("id", "email", "fullName", "role");
    assertThat(auth.getJsonObject("user").getString("email")).isEqualTo(email.toLowerCase());
    assertThat(auth.getJsonObject("user").getString("role")).isEqualTo("CUSTOMER");
    assertThat(auth.getJsonObject("user").getString("fullName")).isEqualTo("Anna Nguyễn");

    JsonObject header = decodePart(auth.getString("accessToken"), 0);
    assertThat(header.getString("alg")).isEqualTo("RS256");
    assertThat(header.getString("kid")).isNotBlank();
    JsonObject claims = decodePart(auth.getString("accessToken"), 1);
    assertThat(claims.getString("sub")).isEqualTo(auth.getJsonObject("user").getString("id"));
    assertThat(claims.getString("email")).isEqualTo(email.toLowerCase());
    assertThat(claims.getString("role")).isEqualTo("CUSTOMER");
    assertThat(claims.getString("iss")).isNotBlank();
    assertThat(claims.getLong("exp")).isGreaterThan(System.currentTimeMillis() / 1000);
  }

  @Test
  void registerCannotChooseARole() {
    Http.Response response = http.post("/auth/register", new JsonObject().put("email", uniqueEmail("mallory"))
        .put("password", "password1").put("fullName", "Mallory").put("role", "ADMIN"), null);
    JsonObject error = assertError(response, 400, "/auth/register");
    assertThat(detailFields(error)).containsExactly("role");
  }

  @Test
  void registerRejectsInvalidFieldsWithDetails() {
    Http.Response response = http.post("/auth/register",
        new JsonObject().put("email", "not-an-email").put("password", "short").put("extra", true), null);
    JsonObject error = assertError(response, 400, "/auth/register");
    assertThat(detailFields(error)).containsExactlyInAnyOrder("email", "password", "fullName", "extra");

    Http.Response wrongTypes = http.post("/auth/register",
        new JsonObject().put("email", 42).put("password", true).put("fullName", new JsonObject()), null);
    assertThat(detailFields(assertError(wrongTypes, 400, "/auth/register")))
        .containsExactlyInAnyOrder("email", "password", "fullName");
  }

  @Test
  void passwordMustBe8To72Bytes() {
    String email = uniqueEmail("bytes");
    // 25 three-byte characters: 25 characters but 75 bytes.
    String tooLong = "ệ".repeat(25);
    assertError(http.post("/auth/register", new JsonObject().put("email", email).put("password", tooLong)
        .put("fullName", "B"), null), 400, "/auth/register");
    assertError(http.post("/auth/register", new JsonObject().put("email", email).put("password", "1234567")
        .put("fullName", "B"), null), 400, "/auth/register");
    assertThat(http.post("/auth/register", new JsonObject().put("email", email).put("password", "x".repeat(72))
        .put("fullName", "B"), null).status()).isEqualTo(201);
  }

  @Test
  void duplicateEmailIs409WhateverItsCase() {
    Session first = register("dup");
    Http.Response again = http.post("/auth/register", new JsonObject().put("email", first.email().toUpperCase())
        .put("password", "another-password").put("fullName", "Dup"), null);
    assertError(again, 409, "/auth/register");
  }

  @Test
  void loginFailsTheSameWayForUnknownEmailAndWrongPassword() {
    Session user = register("login");
    Http.Response wrongPassword = http.post("/auth/login",
        new JsonObject().put("email", user.email()).put("password", "wrong-password"), null);
    Http.Response unknownEmail = http.post("/auth/login",
        new JsonObject().put("email", uniqueEmail("nobody")).put("password", "wrong-password"), null);
    String message = assertError(wrongPassword, 401, "/auth/login").getString("message");
    assertThat(assertError(unknownEmail, 401, "/auth/login").getString("message")).isEqualTo(message);

    Session again = login(user.email().toUpperCase(), user.password());
    assertThat(again.userId()).isEqualTo(user.userId());
  }

  @Test
  void loginRequiresBothFields() {
    assertThat(detailFields(assertError(http.post("/auth/login", new JsonObject(), null), 400, "/auth/login")))
        .containsExactlyInAnyOrder("email", "password");
  }

  @Test
  void meAnswersTheCallersUserResponse() {
    Session user = register("me");
    Http.Response me = http.get("/auth/me", user.accessToken());
    assertThat(me.status()).isEqualTo(200);
    assertUserResponse(me.json());
    assertThat(me.json().getString("id")).isEqualTo(user.userId());
    assertThat(me.json().getString("email")).isEqualTo(user.email());
    assertThat(me.json().containsKey("passwordHash")).isFalse();
  }

  @Test
  void meWithoutAValidTokenIs401() {
    assertError(http.get("/auth/me", null), 401, "/auth/me");
    assertError(http.get("/auth/me", "not.a.token"), 401, "/auth/me");
    assertError(http.send("GET", "/auth/me", null, null, java.util.Map.of("Authorization", "Basic abc")), 401,
        "/auth/me");

    Session user = register("forger");
    String[] parts = user.accessToken().split("\\.");
    JsonObject claims = decodePart(user.accessToken(), 1).put("role", "ADMIN");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertError(http.get("/auth/me", forged), 401, "/auth/me");
    assertError(http.get("/users", forged), 401, "/users");

    String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
    assertError(http.get("/auth/me", unsigned), 401, "/auth/me");
  }

  @Test
  void refreshRotatesThePairAndRevokesTheUsedToken() {
    Session user = register("rotate");
    Http.Response refreshed = http.post("/auth/refresh", new JsonObject().put("refreshToken", user.refreshToken()), null);
    assertThat(refreshed.status()).isEqualTo(200);
    JsonObject pair = refreshed.json();
    assertThat(pair.getString("refreshToken")).isNotEqualTo(user.refreshToken());
    assertThat(pair.getJsonObject("user").getString("id")).isEqualTo(user.userId());
    assertThat(http.get("/auth/me", pair.getString("accessToken")).status()).isEqualTo(200);

    Http.Response next = http.post("/auth/refresh", new JsonObject().put("refreshToken", pair.getString("refreshToken")),
        null);
    assertThat(next.status()).isEqualTo(200);
  }

  @Test
  void reusingARevokedRefreshTokenRevokesTheWholeLogin() {
    Session user = register("reuse");
    String stolen = user.refreshToken();
    String current = http.post("/auth/refresh", new JsonObject().put("refreshToken", stolen), null).json()
        .getString("refreshToken");

    assertError(http.post("/auth/refresh", new JsonObject().put("refreshToken", stolen), null), 401, "/auth/refresh");
    // The legitimate successor is revoked too: the family is gone.
    assertError(http.post("/auth/refresh", new JsonObject().put("refreshToken", current), null), 401, "/auth/refresh");

    // Another login is another family and still works.
    Session other = login(user.email(), user.password());
    assertThat(http.post("/auth/refresh", new JsonObject().put("refreshToken", other.refreshToken()), null).status())
        .isEqualTo(200);
  }

  @Test
  void repeatedFailedSignInsMakeTheEmailWaitWhetherOrNotItHasAnAccount() throws InterruptedException {
    Session user = register("throttled");
    String unknown = uniqueEmail("nobody");
    for (String email : List.of(user.email(), unknown)) {
      JsonObject wrong = new JsonObject().put("email", email).put("password", "not-the-password");
      // Five free failures, then one that starts the delay (2 s): all plain 401s.
      for (int attempt = 1; attempt <= 6; attempt++) {
        assertThat(assertError(http.post("/auth/login", wrong, null), 401, "/auth/login").getString("message"))
            .isEqualTo("Invalid email or password");
      }
      JsonObject blocked = assertError(http.post("/auth/login", wrong, null), 429, "/auth/login");
      assertThat(blocked.getString("message")).startsWith("Too many failed sign-ins for this email; retry in ");
    }
    // Even the right password waits; once the delay has passed it signs in, and the count starts again.
    assertError(http.post("/auth/login", new JsonObject().put("email", user.email())
        .put("password", user.password()), null), 429, "/auth/login");
    Thread.sleep(2_100);
    assertThat(login(user.email(), user.password()).userId()).isEqualTo(user.userId());
    assertError(http.post("/auth/login", new JsonObject().put("email", user.email()).put("password", "wrong-again"),
        null), 401, "/auth/login");
  }

  @Test
  void refreshWithAnUnknownOrMissingTokenFails() {
    assertError(http.post("/auth/refresh", new JsonObject().put("refreshToken", "made-up"), null), 401, "/auth/refresh");
    // An access token where the refresh token belongs, or any long string: 401, not a length error.
    Session user = register("mixup");
    JsonObject mixedUp = assertError(http.post("/auth/refresh", new JsonObject().put("refreshToken", user.accessToken()),
        null), 401, "/auth/refresh");
    assertThat(mixedUp.getString("message")).isEqualTo("Invalid refresh token");
    assertError(http.post("/auth/refresh", new JsonObject().put("refreshToken", "x".repeat(10_000)), null), 401,
        "/auth/refresh");
    assertError(http.post("/auth/refresh", new JsonObject(), null), 400, "/auth/refresh");
  }

  @Test
  void refreshIsNotBlockedByAStaleAccessToken() {
    Session user = register("stale");
    Http.Response refreshed = http.post("/auth/refresh", new JsonObject().put("refreshToken", user.refreshToken()),
        "expired.or.garbage");
    assertThat(refreshed.status()).isEqualTo(200);
  }

  @Test
  void logoutRevokesThatRefreshToken() {
    Session user = register("logout");
    Http.Response logout = http.post("/auth/logout", new JsonObject().put("refreshToken", user.refreshToken()), null);
    assertThat(logout.status()).isEqualTo(200);
    assertThat(logout.json()).isEqualTo(new JsonObject().put("success", true));
    assertError(http.post("/auth/refresh", new JsonObject().put("refreshToken", user.refreshToken()), null), 401,
        "/auth/refresh");
  }

  @Test
  void verifyTellsWhetherATokenIsValid() {
    Session user = register("verify");
    JsonObject valid = http.post("/auth/verify", new JsonObject().put("token", user.accessToken()), null).json();
    assertThat(valid).isEqualTo(new JsonObject().put("valid", true).put("userId", user.userId())
        .put("email", user.email()).put("role", "CUSTOMER"));

    Http.Response invalid = http.post("/auth/verify", new JsonObject().put("token", "garbage"), null);
    assertThat(invalid.status()).isEqualTo(200);
    assertThat(invalid.json().getBoolean("valid")).isFalse();
    assertThat(invalid.json().fieldNames()).contains("userId", "email", "role");
    assertThat(invalid.json().getValue("userId")).isNull();

    assertError(http.post("/auth/verify", new JsonObject(), null), 400, "/auth/verify");
  }

  @Test
  void jwksPublishesThePublicKeyThatSignsTokens() {
    Session user = register("jwks");
    JsonObject jwks = http.get("/.well-known/jwks.json", null).json();
    JsonObject key = jwks.getJsonArray("keys").getJsonObject(0);
    assertThat(key.getString("kty")).isEqualTo("RSA");
    assertThat(key.getString("alg")).isEqualTo("RS256");
    assertThat(key.getString("kid")).isEqualTo(decodePart(user.accessToken(), 0).getString("kid"));
    assertThat(key.containsKey("d")).as("no private part").isFalse();
  }

  @Test
  void aDeactivatedUserCanNeitherLogInNorRefresh() {
    Session user = register("deactivated");
    Session admin = admin();
    Http.Response deactivated = http.put("/users/" + user.userId() + "/deactivate", null, admin.accessToken());
    assertThat(deactivated.status()).isEqualTo(200);
    assertThat(deactivated.json().getBoolean("isActive")).isFalse();

    assertError(http.post("/auth/login", new JsonObject().put("email", user.email()).put("password", user.password()),
        null), 401, "/auth/login");
    assertError(http.post("/auth/refresh", new JsonObject().put("refreshToken", user.refreshToken()), null), 401,
        "/auth/refresh");
    assertThat(http.post("/auth/verify", new JsonObject().put("token", user.accessToken()), null).json()
        .getBoolean("valid")).isFalse();
  }

  static void assertUserResponse(JsonObject user) {
    assertThat(user.fieldNames()).containsExactlyInAnyOrder("id", "email", "fullName", "phone", "role", "isActive",
        "createdAt", "updatedAt");
  }

  private static JsonObject decodePart(String token, int index) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8));
  }
}
