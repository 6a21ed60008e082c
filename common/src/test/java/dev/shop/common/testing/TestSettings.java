package dev.shop.common.testing;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/** Configuration for tests: the real defaults from conf/, with a few values made test-friendly. */
public final class TestSettings {

  public static final String ADMIN_EMAIL = "admin@test.local";
  public static final String ADMIN_PASSWORD = "admin-password-1";
  public static final String CORS_ORIGIN = "https://shop.example";
  public static final String WEBHOOK_SECRET = "test-webhook-secret";
  public static final String SEPAY_ACCOUNT = "0011223344";
  public static final String BUS_SIGNING_KEY = "test-bus-signing-key-0123456789abcdef";
  /** How long a gateway keeps an account's status in tests. */
  public static final int ACCOUNT_STATUS_CACHE_MS = 300;

  private TestSettings() {
  }

  /** Cheap bcrypt, a throw-away data directory, a free HTTP port, a known administrator. */
  public static JsonObject overrides() {
    String unique = java.util.UUID.randomUUID().toString().substring(0, 8);
    try {
      return new JsonObject()
          .put(ShopConfig.PROFILE, "test")
          .put(ConfigKeys.PORT, "0")
          .put(ConfigKeys.DEMO_DATA, "false")
          .put(ConfigKeys.BUS_SIGNING_KEY, BUS_SIGNING_KEY)
          .put(ConfigKeys.ACCOUNT_STATUS_CACHE_MS, Integer.toString(ACCOUNT_STATUS_CACHE_MS))
          // Every test calls from 127.0.0.1 and signs in often: limits high enough never to bite,
          // but on, so every request goes through them (RateLimitTest sets its own).
          .put(ConfigKeys.RATE_LIMIT_RPM, "1000000")
          .put(ConfigKeys.USER_RATE_LIMIT_RPM, "1000000")
          .put(ConfigKeys.LOGIN_RATE_LIMIT_RPM, "1000000")
          .put(ConfigKeys.BCRYPT_COST, "4")
          .put(ConfigKeys.DATA_DIR, Files.createTempDirectory("shop-test").toString())
          .put(ConfigKeys.CORS_ORIGINS, CORS_ORIGIN)
          .put(ConfigKeys.ADMIN_EMAIL, ADMIN_EMAIL)
          .put(ConfigKeys.ADMIN_PASSWORD, ADMIN_PASSWORD)
          .put(ConfigKeys.PAYMENT_WEBHOOK_SECRET, WEBHOOK_SECRET)
          .put(ConfigKeys.SEPAY_ACCOUNT, SEPAY_ACCOUNT)
          // Events: quick retries and polls, and a stream of this configuration's own (several
          // platforms of one test JVM share a nats-server).
          .put(ConfigKeys.EVENT_RETRY_BACKOFF_MS, "100")
          .put(ConfigKeys.OUTBOX_POLL_MS, "250")
          .put(ConfigKeys.EVENTS_STREAM, "TEST_EVENTS_" + unique)
          .put(ConfigKeys.EVENTS_SUBJECT_PREFIX, "test-events-" + unique);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ShopConfig load(Vertx vertx, JsonObject overrides) {
    try {
      return ShopConfig.load(vertx, overrides).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
