package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.shop.common.bus.ServiceNames;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.event.ServiceEvents;
import dev.shop.common.testing.LogLines;
import dev.shop.common.time.PeriodicJob;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A service runs as several instances (one per core by default), but its background work (outbox
 * relay, event consumers, pruning, gauges, sweepers), its migration and its key loading happen
 * once per JVM, and its start is logged once (the gateway's too), without a WARN.
 */
class BackgroundWorkOnceTest {

  private static final int INSTANCES = 3;

  @ParameterizedTest
  @EnumSource(BusKind.class)
  void threeInstancesOfEachServiceStartItsBackgroundWorkOnceAndLogItsReadinessOnce(BusKind kind) {
    List<Logger> debugged = List.of((Logger) LoggerFactory.getLogger(PeriodicJob.class),
        (Logger) LoggerFactory.getLogger(ServiceEvents.class));
    debugged.forEach(logger -> logger.setLevel(Level.DEBUG));
    RunningPlatform platform = null;
    try (LogLines lines = LogLines.ofEverything()) {
      platform = RunningPlatform.start(kind, overrides -> overrides.put(ConfigKeys.INSTANCES, String.valueOf(INSTANCES)));
      platform.awaitReady();
      List<String> logged = lines.lines();

      for (String service : ServiceNames.ALL) {
        assertThat(logged).as(service).filteredOn(line -> line.equals("service ready service=" + service
            + " instances=" + INSTANCES)).hasSize(1);
        assertThat(logged).as(service).filteredOn(line -> line.startsWith("database migrated service=" + service + " "))
            .hasSize(1);
        assertThat(logged).as(service).filteredOn(line -> line.startsWith(
            "outbox relay and event consumers started service=" + service + " ")).hasSize(1);
        assertThat(logged).as(service).filteredOn(line -> line.startsWith(
            "background job started job=" + service + " pruning [outbox, applied] ")).hasSize(1);
        assertThat(logged).as(service).filteredOn(line -> line.startsWith(
            "background job started job=" + service + " event gauges ")).hasSize(1);
      }
      List<String> jobs = logged.stream().filter(line -> line.startsWith("background job started job="))
          .map(line -> line.substring(0, line.indexOf(" intervalMs="))).toList();
      assertThat(jobs).doesNotHaveDuplicates().contains(
          "background job started job=expired reservations sweep",
          "background job started job=cancelled orders' stock releases",
          "background job started job=user pruning [loginFailures, refreshTokens]",
          "background job started job=cart pruning [sessionCarts]",
          "background job started job=order pruning [idempotencyKeys, discardedOrders]",
          "background job started job=product pruning [releasedReservations]");
      assertThat(logged).filteredOn(line -> line.startsWith("token keys loaded signingKid=")).hasSize(1);
      // The gateway's copy of the user service's public keys: fetched once for its instances.
      assertThat(logged).filteredOn(line -> line.startsWith("token keys loaded kids=")).hasSize(1);
      assertThat(logged).filteredOn(line -> line.startsWith("gateway listening port=")
          && line.endsWith(" instances=" + INSTANCES)).hasSize(1);
      assertThat(lines.warnings()).isEmpty();
    } finally {
      debugged.forEach(logger -> logger.setLevel(null));
      if (platform != null) {
        platform.stop();
      }
    }
  }
}
