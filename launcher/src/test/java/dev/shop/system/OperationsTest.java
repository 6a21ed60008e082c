package dev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.TestSettings;
import dev.shop.e2e.BusKind;
import dev.shop.e2e.RunningPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What docs/OPERATIONS.md relies on, on the whole platform over NATS: a clean start logs no
 * warning (an operator alerting on WARN lines sees only real trouble), and every metric the
 * shipped alert rules (deploy/prometheus/alerts.yml) read is exported on /metrics.
 */
class OperationsTest {

  /** Prometheus's own series, not the platform's. */
  private static final Set<String> PROMETHEUS_OWN = Set.of("up");

  @Test
  void theAlertRulesReadMetricNames() {
    assertThat(AlertRules.metricNames("histogram_quantile(0.99, sum by (le) (rate(vertx_http_server_response_time_"
        + "seconds_bucket{route!~\"/metrics|/health.*\"}[5m]))) > 1 and on (instance) up == 1"))
        .containsExactly("vertx_http_server_response_time_seconds_bucket", "up");
    AlertRules.expressions().forEach((alert, expr) ->
        assertThat(AlertRules.metricNames(expr)).as(alert + ": " + expr).isNotEmpty());
  }

  /**
   * deploy/prometheus/alerts.test.yml: each rule fires on the series it is meant for, with its
   * annotations. Needs Prometheus's promtool: without it the test fails saying how to install it.
   */
  @Test
  void theAlertRulesPassTheirPromtoolTests() throws Exception {
    assertThat(onPath("promtool")).as("promtool is needed to test deploy/prometheus/alerts.yml: install Prometheus"
        + " ('sudo apt-get install prometheus' on Debian/Ubuntu, 'brew install prometheus' on macOS)").isTrue();
    Process promtool = new ProcessBuilder("promtool", "test", "rules", "alerts.test.yml")
        .directory(Repository.file("deploy/prometheus").toFile()).redirectErrorStream(true).start();
    String output = new String(promtool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(promtool.waitFor()).as(output).isZero();
    System.out.print(output);
  }

  private static boolean onPath(String command) {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(dir -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command)));
  }

  @Test
  void aCleanStartLogsNoWarningAndEveryMetricTheAlertRulesReadIsExported() throws Exception {
    ListAppender<ILoggingEvent> logged = capture();
    RunningPlatform platform = RunningPlatform.start(BusKind.NATS, overrides -> { });
    try {
      platform.awaitReady();
      assertThat(lines(logged, Level.WARN)).as("WARN and ERROR lines of a clean start").isEmpty();

      SmokeScenario.run(platform.http(), TestSettings.ADMIN_EMAIL, TestSettings.ADMIN_PASSWORD);
      Set<String> needed = new TreeSet<>();
      AlertRules.expressions().values().forEach(expr -> needed.addAll(AlertRules.metricNames(expr)));
      needed.removeAll(PROMETHEUS_OWN);
      // The event gauges are read every 10 s.
      Set<String> exported = Set.of();
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        exported = exportedNames(platform.http().get("/metrics", null).text());
        if (exported.containsAll(needed)) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(exported).as("metrics on /metrics").containsAll(needed);
      System.out.printf("alert rules read %d metrics, all exported: %s%n", needed.size(), needed);
    } finally {
      release(logged);
      platform.stop();
    }
  }

  /** In containers the gateway often starts before the user service answers: it waits, without a warning. */
  @Test
  void aGatewayStartedBeforeTheUserServiceWaitsForItsKeysWithoutAWarning() throws Exception {
    ListAppender<ILoggingEvent> logged = capture();
    RunningPlatform gateway = RunningPlatform.start(BusKind.NATS, overrides -> overrides.put(ConfigKeys.SERVICES,
        "gateway"));
    try {
      long deadline = System.currentTimeMillis() + 10_000;
      while (lines(logged, Level.INFO).stream().filter(line -> line.contains("token keys not available yet")).count() < 2
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(lines(logged, Level.INFO)).as("the gateway waits for the keys, and says so")
          .filteredOn(line -> line.contains("token keys not available yet")).hasSizeGreaterThanOrEqualTo(2);
      assertThat(lines(logged, Level.WARN)).as("WARN and ERROR lines while it waits").isEmpty();
      assertThat(gateway.http().get("/health/ready", null).status()).as("not ready without the keys").isEqualTo(503);
    } finally {
      release(logged);
      gateway.stop();
    }
  }

  /** Every line logged from now on, until {@link #release}. */
  private static ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    root().addAppender(logged);
    return logged;
  }

  private static void release(ListAppender<ILoggingEvent> logged) {
    root().detachAppender(logged);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** The lines logged at {@code level} or above, as "LEVEL logger message". */
  private static List<String> lines(ListAppender<ILoggingEvent> logged, Level level) {
    List<String> lines = new ArrayList<>();
    synchronized (logged) {
      logged.list.stream().filter(line -> line.getLevel().isGreaterOrEqual(level))
          .forEach(line -> lines.add(line.getLevel() + " " + line.getLoggerName() + " " + line.getFormattedMessage()));
    }
    return lines;
  }

  /** The series names of a Prometheus text exposition. */
  private static Set<String> exportedNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }
}
