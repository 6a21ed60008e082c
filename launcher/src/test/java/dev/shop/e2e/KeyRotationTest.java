package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.TestKeys;
import dev.shop.common.testing.TestKeys.KeyFiles;
import dev.shop.common.testing.TestNats;
import io.nats.NatsServerRunner;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rotating the access-token key signs nobody out: a gateway of its own, and the user service
 * restarted over one database and nats-server. Key A signs; then B signs and A only verifies
 * ({@code SHOP_JWT_VERIFY_KEY_FILES}): the JWKS lists both, A's token still works, a new login gets
 * a token of B that works at once. Then A is dropped from the configuration: its token is 401 from
 * the gateway's next refresh of the keys (1 s here), while B's still works. No gateway restart.
 */
class KeyRotationTest {

  private static final String PASSWORD = "password-1";

  @Test
  void aTokenOfThePreviousKeyWorksUntilTheKeyIsDroppedFromTheConfiguration() throws Exception {
    KeyFiles a = TestKeys.rsa();
    KeyFiles b = TestKeys.rsa();
    try (NatsServerRunner nats = TestNats.isolated()) {
      JsonObject userService = RunningPlatform.freshOverrides(BusKind.NATS)
          .put(ConfigKeys.SERVICES, "user").put(ConfigKeys.NATS_URL, nats.getURI());
      RunningPlatform service = userService(userService, a, "");
      RunningPlatform gateway = RunningPlatform.start(BusKind.NATS, overrides -> overrides
          .put(ConfigKeys.SERVICES, "gateway").put(ConfigKeys.NATS_URL, nats.getURI())
          .put(ConfigKeys.JWKS_REFRESH_MS, "1000"));
      try {
        gateway.awaitReady();
        Http http = gateway.http();
        String email = "rotation-" + UUID.randomUUID() + "@example.com";
        Http.Response registered = http.post("/auth/register", new JsonObject().put("email", email)
            .put("password", PASSWORD).put("fullName", "Rotation"), null);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String tokenA = registered.json().getString("accessToken");
        String kidA = kid(tokenA);
        assertThat(publishedKids(http)).containsExactly(kidA);

        service.stop();
        service = userService(userService, b, a.publicKey().toString());
        List<String> rotated = publishedKids(http);
        assertThat(rotated).hasSize(2).contains(kidA);
        String kidB = rotated.get(0);
        assertThat(kidB).isNotEqualTo(kidA);
        assertThat(http.get("/auth/me", tokenA).status()).isEqualTo(200);
        assertThat(validAtTheUserService(http, tokenA)).isTrue();
        String tokenB = login(http, email);
        assertThat(kid(tokenB)).isEqualTo(kidB);
        Http.Response me = http.get("/auth/me", tokenB);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().getString("email")).isEqualTo(email);

        service.stop();
        service = userService(userService, b, "");
        assertThat(publishedKids(http)).containsExactly(kidB);
        assertThat(validAtTheUserService(http, tokenA)).isFalse();
        awaitRefused(http, tokenA);
        // Every gateway instance (one per event loop) has dropped the key: it stays refused.
        for (int i = 0; i < 6; i++) {
          assertThat(http.get("/auth/me", tokenA).status()).isEqualTo(401);
        }
        assertThat(http.get("/auth/me", tokenB).status()).isEqualTo(200);
        assertThat(kid(login(http, email))).isEqualTo(kidB);
      } finally {
        gateway.stop();
        service.stop();
      }
    }
  }

  private static RunningPlatform userService(JsonObject base, KeyFiles signing, String verifyKeyFiles) {
    return RunningPlatform.start(base.copy()
        .put(ConfigKeys.JWT_PRIVATE_KEY_FILE, signing.privateKey().toString())
        .put(ConfigKeys.JWT_VERIFY_KEY_FILES, verifyKeyFiles));
  }

  private static List<String> publishedKids(Http http) {
    Http.Response jwks = http.get("/.well-known/jwks.json", null);
    assertThat(jwks.status()).as(jwks.toString()).isEqualTo(200);
    return jwks.json().getJsonArray("keys").stream().map(key -> ((JsonObject) key).getString("kid")).toList();
  }

  private static String login(Http http, String email) {
    Http.Response login = http.post("/auth/login", new JsonObject().put("email", email).put("password", PASSWORD), null);
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    return login.json().getString("accessToken");
  }

  private static boolean validAtTheUserService(Http http, String token) {
    return http.post("/auth/verify", new JsonObject().put("token", token), null).json().getBoolean("valid");
  }

  private static void awaitRefused(Http http, String token) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (http.get("/auth/me", token).status() != 401) {
      assertThat(System.currentTimeMillis()).as("the dropped key is refused within 10 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static String kid(String token) {
    String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
        StandardCharsets.UTF_8);
    return new JsonObject(header).getString("kid");
  }
}
