package dev.shop.system;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.JarProcess;
import dev.shop.common.testing.TestDatabases;
import dev.shop.e2e.DocumentedNats;
import dev.shop.launcher.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The production shape as plain processes: every domain service in a JVM of its own (the product
 * service twice), each with its database, all on one NATS server run with the documented
 * configuration (each JVM connects as its role's user), and the gateway in its own JVM.
 * Each JVM is {@code java -jar launcher/target/shop-server.jar} (the jar of the container image,
 * without embedded PostgreSQL) configured by environment variables only, as README's Production
 * section runs it.
 */
final class Topology implements AutoCloseable {

  static final Path JAR = Path.of("target", "shop-server.jar");
  static final int PRODUCT_REPLICAS = 2;
  static final Duration BUS_TIMEOUT = Duration.ofSeconds(2);
  static final String ADMIN_EMAIL = "admin@multi-jvm.test";
  static final String ADMIN_PASSWORD = "multi-jvm-admin-1";
  static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  private static final Duration START_WITHIN = Duration.ofSeconds(150);

  private final Path directory;
  private final String natsUrl;
  private final Map<String, String> databases = new LinkedHashMap<>();
  private final List<JarProcess> services = new ArrayList<>();
  private final Map<JarProcess, Integer> metricsPorts = new HashMap<>();
  private final int gatewayPort = JarProcess.freePort();
  private JarProcess gateway;

  Topology(Path directory, String natsUrl) {
    this.directory = directory;
    this.natsUrl = natsUrl;
    for (String service : ServiceNames.ALL) {
      databases.put(service, TestDatabases.freshDatabase(service + "_multi_jvm"));
    }
  }

  /** Starts every service JVM at once (replicas race on migrations), then the gateway. */
  void start() throws IOException, InterruptedException {
    for (String service : ServiceNames.ALL) {
      int replicas = service.equals(ServiceNames.PRODUCT) ? PRODUCT_REPLICAS : 1;
      for (int replica = 1; replica <= replicas; replica++) {
        int metricsPort = JarProcess.freePort();
        Map<String, String> environment = common(service + "-" + replica, service);
        environment.put(ConfigKeys.SERVICES, service);
        environment.put(ConfigKeys.databaseUrl(service), databases.get(service));
        environment.put(ConfigKeys.METRICS_PORT, Integer.toString(metricsPort));
        JarProcess process = launch(service + "-" + replica, environment);
        services.add(process);
        metricsPorts.put(process, metricsPort);
      }
    }
    for (JarProcess service : services) {
      service.awaitHttpOk("http://127.0.0.1:" + metricsPorts.get(service) + "/health/live", START_WITHIN);
    }
    Map<String, String> environment = common("gateway", Platform.GATEWAY);
    environment.put(ConfigKeys.SERVICES, Platform.GATEWAY);
    environment.put(ConfigKeys.PORT, Integer.toString(gatewayPort));
    gateway = launch("gateway", environment);
    gateway.awaitHttpOk(gateway() + "/health/ready", START_WITHIN);
  }

  /** What every JVM is given; {@code role} is what it runs, and its NATS user (replicas share one). */
  private Map<String, String> common(String name, String role) throws IOException {
    Map<String, String> environment = new HashMap<>(DocumentedNats.credentials(role));
    // The prod profile, as operators run it: every setting dev mode would default is given here.
    environment.put("SHOP_PROFILE", "prod");
    environment.put(ConfigKeys.ADMIN_EMAIL, ADMIN_EMAIL);
    environment.put(ConfigKeys.ADMIN_PASSWORD, ADMIN_PASSWORD);
    environment.put(ConfigKeys.PAYMENT_WEBHOOK_SECRET, "multi-jvm-webhook-secret");
    environment.put(ConfigKeys.BUS_SIGNING_KEY, "multi-jvm-bus-signing-key-0123456789");
    // On in this test to show replicas starting together on an empty catalogue add it once.
    environment.put(ConfigKeys.DEMO_DATA, "true");
    environment.put(ConfigKeys.NATS_URL, natsUrl);
    environment.put(ConfigKeys.DATA_DIR, Files.createDirectories(directory.resolve(name)).toString());
    environment.put(ConfigKeys.INSTANCES, "1");
    environment.put(ConfigKeys.BUS_TIMEOUT_MS, Long.toString(BUS_TIMEOUT.toMillis()));
    environment.put(ConfigKeys.BCRYPT_COST, "4");
    environment.put(ConfigKeys.OUTBOX_POLL_MS, "250");
    environment.put(ConfigKeys.EVENT_RETRY_BACKOFF_MS, "100");
    environment.put("SHOP_ACCESS_LOG_LEVEL", "WARN");
    // The load comes from one address: rate limits off, as for any load test.
    environment.put(ConfigKeys.RATE_LIMIT_RPM, "0");
    environment.put(ConfigKeys.USER_RATE_LIMIT_RPM, "0");
    environment.put(ConfigKeys.LOGIN_RATE_LIMIT_RPM, "0");
    return environment;
  }

  private JarProcess launch(String name, Map<String, String> environment) throws IOException {
    return JarProcess.start(name, JAR, JVM_OPTIONS, List.of(), environment, directory.resolve(name + ".log"));
  }

  String gateway() {
    return "http://127.0.0.1:" + gatewayPort;
  }

  int gatewayPort() {
    return gatewayPort;
  }

  String database(String service) {
    return databases.get(service);
  }

  /** What a service JVM's {@code SHOP_METRICS_PORT} serves at {@code /metrics}. */
  String metricsOf(JarProcess service) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPorts.get(service) + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build();
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  JarProcess productReplica(int replica) {
    return services.stream().filter(process -> process.name().equals(ServiceNames.PRODUCT + "-" + replica))
        .findFirst().orElseThrow();
  }

  /** The gateway and every service JVM. */
  List<JarProcess> all() {
    List<JarProcess> all = new ArrayList<>(services);
    if (gateway != null) {
      all.add(0, gateway);
    }
    return all;
  }

  @Override
  public void close() throws InterruptedException {
    for (JarProcess process : all()) {
      process.terminate();
    }
    for (JarProcess process : all()) {
      process.close();
    }
  }
}
