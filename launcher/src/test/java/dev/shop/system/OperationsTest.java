package dev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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

  @Test
  void aCleanStartLogsNoWarningAndEveryMetricTheAlertRulesReadIsExported() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    root.addAppender(logged);
    RunningPlatform platform = RunningPlatform.start(BusKind.NATS, overrides -> { });
    try {
      platform.awaitReady();
      List<String> warnings = new ArrayList<>();
      synchronized (logged) {
        logged.list.stream().filter(line -> line.getLevel().isGreaterOrEqual(Level.WARN))
            .forEach(line -> warnings.add(line.getLevel() + " " + line.getLoggerName() + " " + line.getFormattedMessage()));
      }
      assertThat(warnings).as("WARN and ERROR lines of a clean start").isEmpty();

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
      root.detachAppender(logged);
      platform.stop();
    }
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
