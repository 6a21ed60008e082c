package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.TestKeys;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Only the configured algorithm, key and issuer are accepted: an expired token, an HMAC token
 * keyed with the public key, a token signed by another RSA key under the platform's key id, and a
 * token of another issuer signed with the very same key are all 401. Two platforms share one
 * signing key file; the second has another issuer; access tokens live three seconds.
 */
class TokenSecurityTest {

  /**
   * Expiry is checked in whole seconds against {@code exp = iat + ttl}, so a token of one second
   * can be over a millisecond after it was issued; three leave at least two for the first call.
   */
  private static final int ACCESS_TOKEN_TTL_SECONDS = 3;

  private static RunningPlatform shop;
  private static RunningPlatform otherIssuer;

  @BeforeAll
  static void start() throws Exception {
    Path key = TestKeys.rsa().privateKey();
    shop = RunningPlatform.start(BusKind.LOCAL, overrides -> overrides
        .put(ConfigKeys.JWT_PRIVATE_KEY_FILE, key.toString())
        .put(ConfigKeys.ACCESS_TOKEN_TTL_SECONDS, String.valueOf(ACCESS_TOKEN_TTL_SECONDS)));
    shop.awaitReady();
    otherIssuer = RunningPlatform.start(BusKind.LOCAL, overrides -> overrides
        .put(ConfigKeys.JWT_PRIVATE_KEY_FILE, key.toString())
        .put(ConfigKeys.JWT_ISSUER, "someone-else"));
    otherIssuer.awaitReady();
  }

  @AfterAll
  static void stop() {
    shop.stop();
    otherIssuer.stop();
  }

  private static String register(RunningPlatform platform) {
    Http.Response registered = platform.http().post("/auth/register", new JsonObject()
        .put("email", "token-" + UUID.randomUUID() + "@example.com").put("password", "password-1")
        .put("fullName", "Token"), null);
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    return registered.json().getString("accessToken");
  }

  @Test
  void anExpiredTokenIsRefused() throws InterruptedException {
    String token = register(shop);
    assertThat(shop.http().get("/auth/me", token).status()).isEqualTo(200);
    long expiresAtMillis = decode(token.split("\\.")[1]).getLong("exp") * 1_000;
    Thread.sleep(Math.max(0, expiresAtMillis - System.currentTimeMillis()) + 200);
    assertThat(shop.http().get("/auth/me", token).status()).isEqualTo(401);
  }

  @Test
  void aTokenOfAnotherIssuerIsRefusedEvenWithTheSameKey() {
    String foreign = register(otherIssuer);
    assertThat(otherIssuer.http().get("/auth/me", foreign).status()).isEqualTo(200);
    assertThat(shop.http().get("/auth/me", foreign).status()).isEqualTo(401);
  }

  @Test
  void anHmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
    String[] parts = register(shop).split("\\.");
    JsonObject header = decode(parts[0]);
    JsonObject jwk = shop.http().get("/.well-known/jwks.json", null).json().getJsonArray("keys").getJsonObject(0);
    String confused = encode(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", header.getString("kid")))
        + "." + parts[1];
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(jwk.encode().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String token = confused + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(confused.getBytes(StandardCharsets.US_ASCII)));
    assertThat(shop.http().get("/auth/me", token).status()).isEqualTo(401);
  }

  @Test
  void aTokenSignedByAnotherKeyUnderThePlatformsKeyIdIsRefused() throws Exception {
    String[] parts = register(shop).split("\\.");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair attacker = generator.generateKeyPair();
    JsonObject claims = decode(parts[1]).put("role", "ADMIN");
    String unsigned = parts[0] + "." + encode(claims);
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(attacker.getPrivate());
    rsa.update(unsigned.getBytes(StandardCharsets.US_ASCII));
    String token = unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    assertThat(shop.http().get("/users", token).status()).isEqualTo(401);
  }

  private static JsonObject decode(String part) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }

  private static String encode(JsonObject json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
