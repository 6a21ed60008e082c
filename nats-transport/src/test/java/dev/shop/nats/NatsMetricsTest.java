package dev.shop.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.metrics.Metrics;
import dev.shop.common.testing.Await;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

/** The reconnect counter an alert rule watches (deploy/prometheus/alerts.yml). */
class NatsMetricsTest {

  @Test
  void theReconnectCounterIsExportedFromTheStartAndCountsEachRestoredConnection() {
    Vertx vertx = Metrics.vertx();
    try {
      assertThat(scrapeOn(vertx, () -> { })).doesNotContain("shop_bus_reconnects_total");
      assertThat(scrapeOn(vertx, NatsMetrics::countReconnects)).contains("shop_bus_reconnects_total 0.0");
      assertThat(scrapeOn(vertx, () -> {
        NatsMetrics.reconnect();
        NatsMetrics.reconnect();
      })).contains("shop_bus_reconnects_total 2.0");
    } finally {
      Await.result(vertx.close());
    }
  }

  /** Runs {@code action} on a context of {@code vertx}, then scrapes its registry there. */
  private static String scrapeOn(Vertx vertx, Runnable action) {
    Promise<String> scraped = Promise.promise();
    vertx.runOnContext(v -> {
      action.run();
      scraped.complete(Metrics.scrape().orElseThrow());
    });
    return Await.result(scraped.future());
  }
}
