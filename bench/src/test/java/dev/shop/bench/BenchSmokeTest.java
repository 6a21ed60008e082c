package dev.shop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke of the benchmark: the platform's jar on a small seeded catalogue, the reference server,
 * and every scenario for a few seconds through the same code bench/run.sh runs. Each must
 * produce figures, without a 5xx and without selling a unit twice.
 */
class BenchSmokeTest {

  /**
   * Each scenario's measured window. A thousand fresh connections get their first answers about
   * 1.1 s in on a quiet two-core machine (cold JIT): a one-second window caught almost none.
   */
  private static final Duration WINDOW = Duration.ofSeconds(2);
  /** The flash sale scaled down so the smoke stays seconds long: a hundred buyers for fifty units. */
  private static final int FLASH_SALE_BUYERS = 100;

  @TempDir
  Path temporary;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void everyScenarioProducesFiguresWithoutServerErrorsOrOverselling() throws Exception {
    Path dataDir = Files.createDirectories(temporary.resolve("data"));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try (PlatformProcess platform = new PlatformProcess(dataDir)) {
      platform.seed(200);
      platform.startAndAwaitReady();
      int referencePort = dev.shop.common.testing.JarProcess.freePort();
      ReferenceServer.deploy(vertx, platform.productDatabaseUrl(), referencePort, 4)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      RunSettings settings = new RunSettings("dev", URI.create(platform.gateway()), platform.productDatabaseUrl(),
          URI.create("http://127.0.0.1:" + referencePort), 8, Duration.ZERO, Duration.ofMillis(300), WINDOW,
          BenchRun.ALL, platform.pid(), null, null, temporary.resolve("rows.tmp"), FLASH_SALE_BUYERS, null);

      Promise<List<ScenarioResult>> finished = Promise.promise();
      vertx.getOrCreateContext().runOnContext(start -> BenchRun.run(vertx, settings).onComplete(finished));
      List<ScenarioResult> rows = finished.future().toCompletionStage().toCompletableFuture()
          .get(2, TimeUnit.MINUTES);

      assertThat(rows).extracting(ScenarioResult::scenario).containsExactly(BenchRun.PRODUCT_BY_ID,
          BenchRun.PRODUCT_BY_ID, BenchRun.LISTING, BenchRun.SEARCH, BenchRun.CART_ADD, BenchRun.CHECKOUT,
          BenchRun.CHECKOUT_FLOOR, BenchRun.MIXED, BenchRun.MIXED_MANY, BenchRun.MIXED_MANY_BUSY, BenchRun.OPEN, BenchRun.OPEN,
          BenchRun.FLASH_SALE);
      for (ScenarioResult row : rows) {
        assertThat(row.requests()).as("requests of %s", Report.progressLine(row)).isPositive();
        assertThat(row.serverErrors()).as("5xx of %s\n%s", Report.progressLine(row), platform.log()).isZero();
      }
      assertThat(rows).filteredOn(row -> row.mode().equals("dev")).hasSize(10).allSatisfy(row -> {
        assertThat(row.rssMb()).as("resident memory of the platform").isPositive();
        assertThat(row.cpuUsPerRequest()).as("the platform's CPU time per request in %s", row.scenario()).isPositive();
      });
      assertThat(rows).filteredOn(row -> row.oversoldUnits() != null).hasSize(5)
          .allSatisfy(row -> assertThat(row.oversoldUnits()).as("oversold in %s", row.scenario()).isZero());
      assertThat(rows).filteredOn(row -> row.scenario().equals(BenchRun.LISTING))
          .allSatisfy(row -> assertThat(row.notes()).contains("total exact"));
      assertThat(rows).filteredOn(row -> row.scenario().equals(BenchRun.CHECKOUT)).singleElement()
          // Another database that worked during the window (a background poll, autovacuum) may sit between them.
          .satisfies(row -> assertThat(row.notes()).as("checkout's CPU by process")
              .containsPattern("CPU µs per request by process: platform \\d+, generator \\d+, .*db shop_order \\d+, "
                  + ".*db shop_product \\d+, .*db shop_report \\d+, .*all \\d+"));
      assertThat(rows).filteredOn(row -> row.scenario().equals(BenchRun.CHECKOUT_FLOOR))
          .allSatisfy(row -> assertThat(row.errors()).as("errors of %s", Report.progressLine(row)).isEmpty());
      assertThat(rows).filteredOn(row -> row.scenario().equals(BenchRun.FLASH_SALE)).singleElement()
          .satisfies(sale -> assertThat(sale.flashSale().correct(sale)).as("the flash sale's outcome: %s\n%s",
              Report.progressLine(sale), platform.log()).isTrue());
      assertThat(new Report(rows).markdown()).contains("| product-by-id | reference (dev) |")
          .contains("| checkout-floor | postgres (dev) |").contains("| checkout: 0 oversold, 0 5xx, ≥ 0.50 × checkout-floor | dev |")
          .contains("| 1,000 connections without pauses: 0 errors, p99 ≤ 4 × p50 | dev |")
          .contains("| flash sale: sold out within 2 s | dev |");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      deleteQuietly(dataDir);
    }
  }

  /** The embedded PostgreSQL's files, once it has stopped; @TempDir would fail on a file still in use. */
  private static void deleteQuietly(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
