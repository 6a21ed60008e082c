package dev.shop.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The platform's shaded jar run as a separate process in dev mode, with a data directory and
 * ports of its own, as bench/run.sh runs it.
 */
final class PlatformProcess implements AutoCloseable {

  private static final Path JAR = Path.of("..", "launcher", "target", "shop.jar");

  private final Path dataDir;
  private final int port = freePort();
  private final int databasePort = freePort();
  private Process process;

  PlatformProcess(Path dataDir) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: package the launcher module first "
          + "(mvn package at the root builds it before this module)");
    }
    this.dataDir = dataDir;
  }

  /** Runs {@code shop.jar seed --products N} to completion. */
  void seed(int products) throws IOException, InterruptedException {
    Process seeding = start(List.of("seed", "--products", Integer.toString(products)), "seed.log");
    if (!seeding.waitFor(90, TimeUnit.SECONDS) || seeding.exitValue() != 0) {
      seeding.destroyForcibly();
      throw new IllegalStateException("Seeding failed:\n" + tail("seed.log"));
    }
  }

  /** Starts the platform and waits until {@code /health/ready} answers 200. */
  void startAndAwaitReady() throws IOException, InterruptedException {
    process = start(List.of(), "platform.log");
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(URI.create(gateway() + "/health/ready")).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The platform exited:\n" + tail("platform.log"));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // starting up
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("The platform was not ready within 90 s:\n" + tail("platform.log"));
  }

  String gateway() {
    return "http://127.0.0.1:" + port;
  }

  String productDatabaseUrl() {
    return "postgresql://postgres:postgres@localhost:" + databasePort + "/shop_product";
  }

  long pid() {
    return process.pid();
  }

  String log() throws IOException {
    return tail("platform.log");
  }

  /** SIGTERM, so the platform stops its PostgreSQL; killed with its children if it hangs. */
  @Override
  public void close() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process start(List<String> arguments, String logName) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dataDir.resolve(logName).toFile());
    Map<String, String> environment = builder.environment();
    environment.remove("NATS_URL");
    environment.put("SHOP_PROFILE", "dev");
    environment.put("SHOP_DATA_DIR", dataDir.toString());
    environment.put("PORT", Integer.toString(port));
    environment.put("SHOP_EMBEDDED_DB_PORT", Integer.toString(databasePort));
    environment.put("SHOP_ACCESS_LOG_LEVEL", "WARN");
    // Load from one address: rate limits off, as bench/run.sh runs the platform.
    environment.put("SHOP_RATE_LIMIT_RPM", "0");
    environment.put("SHOP_USER_RATE_LIMIT_RPM", "0");
    environment.put("SHOP_LOGIN_RATE_LIMIT_RPM", "0");
    return builder.start();
  }

  private String tail(String logName) throws IOException {
    List<String> lines = Files.readAllLines(dataDir.resolve(logName));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
