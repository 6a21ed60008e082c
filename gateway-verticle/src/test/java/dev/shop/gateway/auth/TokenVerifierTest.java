package dev.shop.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.auth.JwtKeyFiles;
import dev.shop.common.auth.JwtKeys;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusSigning;
import dev.shop.common.bus.Caller;
import dev.shop.common.bus.LocalBus;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestKeys;
import dev.shop.common.testing.TestKeys.KeyFiles;
import dev.shop.common.testing.TestSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the gateway follows the user service's key set: a rotated-in key is fetched on its first
 * token, a removed key stops verifying at the next refresh, made-up key ids fetch at most once per
 * gap, and a set without keys is never taken; a verified token is kept only until it expires and
 * only as the exact string. A stand-in user service answers {@code auth.jwks}.
 */
class TokenVerifierTest {

  private static final String ISSUER = "shop-test";
  private static final Duration GAP = Duration.ofSeconds(2);
  private static final int KEPT_TOKENS = 100;

  private final KeyFiles a = TestKeys.rsa();
  private final KeyFiles b = TestKeys.rsa();
  private final AtomicReference<JsonObject> published = new AtomicReference<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private Vertx vertx;
  private LocalBus bus;

  @BeforeEach
  void startUserService() {
    vertx = Vertx.vertx();
    bus = new LocalBus(vertx, Duration.ofSeconds(5), BusSigning.of(TestSettings.BUS_SIGNING_KEY));
    Await.result(bus.serve(new ServiceDefinition("user", "1.0.0", "publishes token keys")
        .endpoint("auth.jwks", request -> {
          fetches.incrementAndGet();
          return Future.succeededFuture(BusReply.ok(published.get()));
        })));
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  private static JwtKeys keys(KeyFiles signing, KeyFiles... verifying) {
    StringBuilder files = new StringBuilder();
    for (KeyFiles key : verifying) {
      files.append(key.publicKey()).append(',');
    }
    return JwtKeys.load(JwtKeyFiles.from(new ShopConfig(new JsonObject()
        .put(ConfigKeys.JWT_PRIVATE_KEY_FILE, signing.privateKey().toString())
        .put(ConfigKeys.JWT_VERIFY_KEY_FILES, files.toString()))));
  }

  /** Publishes {@code keys}, then starts a verifier. */
  private TokenVerifier startedWith(JwtKeys keys, Duration refreshEvery) {
    published.set(keys.jwks());
    return started(refreshEvery);
  }

  /** Runs on the verifier's own context, as the gateway's event loop would. */
  private TokenVerifier started(Duration refreshEvery) {
    TokenVerifier verifier = new TokenVerifier(vertx, new TokenKeys(vertx, bus, refreshEvery, GAP), ISSUER, KEPT_TOKENS);
    vertx.runOnContext(v -> verifier.start());
    long deadline = System.currentTimeMillis() + 5_000;
    while (!verifier.ready() && System.currentTimeMillis() < deadline) {
      sleep(20);
    }
    assertThat(verifier.ready()).isTrue();
    return verifier;
  }

  private String token(JwtKeys signing, String kid) {
    return token(signing, kid, 60);
  }

  private String token(JwtKeys signing, String kid, int expiresInSeconds) {
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm(JwtKeys.ALGORITHM).setBuffer(signing.privateKeyPem())));
    return signer.generateToken(new JsonObject().put("role", "CUSTOMER"), new JWTOptions()
        .setAlgorithm(JwtKeys.ALGORITHM).setHeader(new JsonObject().put("kid", kid)).setIssuer(ISSUER)
        .setSubject(Ids.newId().toString()).setExpiresInSeconds(expiresInSeconds));
  }

  private int status(TokenVerifier verifier, String token) {
    Future<Caller> verified = Future.future(promise -> vertx.runOnContext(v -> verifier.verify(token, Duration.ofSeconds(5)).onComplete(promise)));
    try {
      Await.result(verified);
      return 200;
    } catch (ShopException refused) {
      return refused.status();
    }
  }

  @Test
  void aTokenOfAKeyPublishedAfterTheStartIsAcceptedAtOnce() {
    JwtKeys before = keys(a);
    TokenVerifier verifier = startedWith(before, Duration.ofMinutes(10));
    assertThat(status(verifier, token(before, before.kid()))).isEqualTo(200);

    JwtKeys rotated = keys(b, a);
    published.set(rotated.jwks());
    assertThat(status(verifier, token(rotated, rotated.kid()))).isEqualTo(200);
    assertThat(status(verifier, token(before, before.kid()))).isEqualTo(200);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void aKeyNoLongerPublishedStopsVerifyingAtTheNextRefresh() {
    JwtKeys rotated = keys(b, a);
    TokenVerifier verifier = startedWith(rotated, Duration.ofMillis(200));
    JwtKeys old = keys(a);
    String oldToken = token(old, old.kid());
    assertThat(status(verifier, oldToken)).isEqualTo(200);

    published.set(keys(b).jwks());
    sleep(600);
    assertThat(status(verifier, oldToken)).isEqualTo(401);
    assertThat(status(verifier, token(rotated, rotated.kid()))).isEqualTo(200);
  }

  @Test
  void aVerifiedTokenIsKeptOnlyUntilItExpires() {
    JwtKeys keys = keys(a);
    TokenVerifier verifier = startedWith(keys, Duration.ofMinutes(10));
    String shortLived = token(keys, keys.kid(), 2);
    assertThat(status(verifier, shortLived)).isEqualTo(200);
    assertThat(status(verifier, shortLived)).isEqualTo(200);
    sleep(3_100);
    assertThat(status(verifier, shortLived)).isEqualTo(401);
    assertThat(status(verifier, shortLived)).isEqualTo(401);
  }

  @Test
  void aTokenDifferingFromAVerifiedOneInAnyPartIsVerifiedAfresh() {
    JwtKeys keys = keys(a);
    TokenVerifier verifier = startedWith(keys, Duration.ofMinutes(10));
    String genuine = token(keys, keys.kid());
    assertThat(status(verifier, genuine)).isEqualTo(200);

    String[] parts = genuine.split("\\.");
    String signature = parts[2];
    // A character in the middle: every one of its bits is the signature's (the last one's are partly padding).
    int middle = signature.length() / 2;
    String badSignature = parts[0] + "." + parts[1] + "." + signature.substring(0, middle)
        + (signature.charAt(middle) == 'A' ? 'B' : 'A') + signature.substring(middle + 1);
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    String promoted = parts[0] + "." + base64Url(claims.copy().put("role", "ADMIN")) + "." + signature;
    assertThat(status(verifier, badSignature)).isEqualTo(401);
    assertThat(status(verifier, promoted)).isEqualTo(401);
    assertThat(status(verifier, genuine)).isEqualTo(200);
  }

  @Test
  void madeUpKeyIdsFetchTheKeysAtMostOncePerGap() {
    JwtKeys keys = keys(a);
    TokenVerifier verifier = startedWith(keys, Duration.ofMinutes(10));
    JwtKeys unpublished = keys(b);
    for (int i = 0; i < 20; i++) {
      assertThat(status(verifier, token(unpublished, "made-up-" + i))).isEqualTo(401);
    }
    assertThat(fetches).hasValue(2);
    sleep(GAP.toMillis() + 200);
    assertThat(status(verifier, token(unpublished, "made-up-after-the-gap"))).isEqualTo(401);
    assertThat(fetches).hasValue(3);
  }

  @Test
  void aKeySetWithoutKeysIsNotTakenSoUnsignedTokensStayRefused() {
    JwtKeys keys = keys(a);
    TokenVerifier verifier = startedWith(keys, Duration.ofMillis(200));
    published.set(new JsonObject().put("keys", new JsonArray()));
    sleep(600);
    assertThat(fetches.get()).isGreaterThan(1);
    String unsigned = base64Url(new JsonObject().put("alg", "none").put("typ", "JWT")) + "."
        + base64Url(new JsonObject().put("sub", Ids.newId().toString()).put("iss", ISSUER).put("role", "ADMIN")
            .put("exp", System.currentTimeMillis() / 1000 + 60)) + ".";
    assertThat(status(verifier, unsigned)).isEqualTo(401);
    assertThat(status(verifier, token(keys, keys.kid()))).isEqualTo(200);
  }

  private static String base64Url(JsonObject json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
