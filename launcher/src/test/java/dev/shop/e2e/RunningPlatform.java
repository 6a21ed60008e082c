package dev.shop.e2e;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.metrics.Metrics;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import dev.shop.common.testing.TestNats;
import dev.shop.common.testing.TestSettings;
import dev.shop.launcher.Platform;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The whole platform, gateway included, as dev mode runs it: one per bus kind and test JVM, started
 * on first use with fresh databases and stopped at exit. Tests share it, so they make their own
 * users (unique emails) and never assume an empty database.
 */
public final class RunningPlatform {

  private static final Map<BusKind, RunningPlatform> shared = new EnumMap<>(BusKind.class);

  private final Vertx vertx;
  private final Platform platform;
  private final Http http;

  private RunningPlatform(Vertx vertx, Platform platform) {
    this.vertx = vertx;
    this.platform = platform;
    this.http = new Http(platform.httpPort());
  }

  public static synchronized RunningPlatform shared(BusKind kind) {
    return shared.computeIfAbsent(kind, k -> {
      RunningPlatform running = start(k, overrides -> { });
      running.awaitReady();
      if (k == BusKind.NATS) {
        TestNats.stopBeforeTheServer(running::stop);
      } else {
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop));
      }
      return running;
    });
  }

  /**
   * A platform of its own (stop it when done), with configuration changed by {@code customize};
   * it has not necessarily become ready.
   */
  public static RunningPlatform start(BusKind kind, Consumer<JsonObject> customize) {
    JsonObject overrides = freshOverrides(kind);
    customize.accept(overrides);
    return start(overrides);
  }

  /** Test configuration with a fresh database for every service, over the NATS servers of {@code natsUrl}. */
  public static JsonObject freshOverrides(String natsUrl) {
    return withDatabases(service -> TestDatabases.freshDatabase(service + "_" + BusKind.NATS.name()))
        .put(ConfigKeys.NATS_URL, natsUrl);
  }

  /** Test configuration with a fresh database for every service (and the shared NATS server for NATS). */
  public static JsonObject freshOverrides(BusKind kind) {
    return overrides(kind, service -> TestDatabases.freshDatabase(service + "_" + kind.name()));
  }

  /** Test configuration with each service's database URL from {@code databaseOf}. */
  public static JsonObject overrides(BusKind kind, UnaryOperator<String> databaseOf) {
    JsonObject overrides = withDatabases(databaseOf);
    if (kind == BusKind.NATS) {
      overrides.put(ConfigKeys.NATS_URL, TestNats.url());
    }
    return overrides;
  }

  private static JsonObject withDatabases(UnaryOperator<String> databaseOf) {
    JsonObject overrides = TestSettings.overrides();
    for (String service : ServiceNames.ALL) {
      overrides.put(ConfigKeys.databaseUrl(service), databaseOf.apply(service));
    }
    return overrides;
  }

  /** A platform started with exactly {@code overrides}: several may share databases and a bus. */
  public static RunningPlatform start(JsonObject overrides) {
    Vertx vertx = Metrics.vertx();
    Platform platform = Await.result(Platform.start(vertx, TestSettings.load(vertx, overrides)));
    return new RunningPlatform(vertx, platform);
  }

  public void awaitReady() {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      if (http.get("/health/ready", null).status() == 200) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("the gateway did not become ready");
  }

  public int httpPort() {
    return platform.httpPort();
  }

  public Http http() {
    return http;
  }

  /** The gateway's routes, {@code "GET /products/:id"}. */
  public java.util.List<String> gatewayRoutes() {
    return platform.gatewayRoutes();
  }

  /** The platform's bus, to call service subjects that have no HTTP route. */
  public dev.shop.common.bus.Bus bus() {
    return platform.bus();
  }

  public Vertx vertx() {
    return vertx;
  }

  public void stop() {
    try {
      Await.result(platform.close());
      Await.result(vertx.close());
    } catch (RuntimeException e) {
      // stopping at exit: nothing left to do
    }
  }
}
