package dev.shop.bench;

import dev.shop.common.testing.JarProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's shaded jar run as a separate process in dev mode, with a data directory and
 * ports of its own, as bench/run.sh runs it.
 */
final class PlatformProcess implements AutoCloseable {

  private static final Path JAR = Path.of("..", "launcher", "target", "shop.jar");
  private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");
  private static final Duration START_WITHIN = Duration.ofSeconds(90);

  private final Path dataDir;
  private final int port = JarProcess.freePort();
  private final int databasePort = JarProcess.freePort();
  private JarProcess platform;

  PlatformProcess(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** Runs {@code shop.jar seed --products N} to completion. */
  void seed(int products) throws IOException, InterruptedException {
    try (JarProcess seeding = JarProcess.start("seed", JAR, JVM_OPTIONS,
        List.of("seed", "--products", Integer.toString(products)), environment(), dataDir.resolve("seed.log"))) {
      if (seeding.awaitExit(START_WITHIN) != 0) {
        throw new IllegalStateException("Seeding failed:\n" + seeding.tail());
      }
    }
  }

  /** Starts the platform and waits until {@code /health/ready} answers 200. */
  void startAndAwaitReady() throws IOException, InterruptedException {
    platform = JarProcess.start("platform", JAR, JVM_OPTIONS, List.of(), environment(), dataDir.resolve("platform.log"));
    platform.awaitHttpOk(gateway() + "/health/ready", START_WITHIN);
  }

  private Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("SHOP_PROFILE", "dev");
    environment.put("SHOP_DATA_DIR", dataDir.toString());
    environment.put("PORT", Integer.toString(port));
    environment.put("SHOP_EMBEDDED_DB_PORT", Integer.toString(databasePort));
    environment.put("SHOP_ACCESS_LOG_LEVEL", "WARN");
    // No demo shop (customers, orders), as bench/run.sh runs it: the seeded catalogue alone.
    environment.put("SHOP_DEMO_DATA", "false");
    // Load from one address: rate limits off, as bench/run.sh runs the platform.
    environment.put("SHOP_RATE_LIMIT_RPM", "0");
    environment.put("SHOP_USER_RATE_LIMIT_RPM", "0");
    environment.put("SHOP_LOGIN_RATE_LIMIT_RPM", "0");
    return environment;
  }

  String gateway() {
    return "http://127.0.0.1:" + port;
  }

  String productDatabaseUrl() {
    return "postgresql://postgres:postgres@localhost:" + databasePort + "/shop_product";
  }

  long pid() {
    return platform.pid();
  }

  String log() {
    return platform.tail();
  }

  /** SIGTERM, so the platform stops its PostgreSQL; killed with its children if it hangs. */
  @Override
  public void close() throws InterruptedException {
    if (platform != null) {
      platform.close();
    }
  }
}
