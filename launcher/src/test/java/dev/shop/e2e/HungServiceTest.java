package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.Await;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One service hangs (here the AR service's list subject, answered by a handler that never
 * answers): its requests get 504 within the bus time-out, then the gateway's circuit for it opens
 * and they get 503 at once without reaching it, while the other services serve as usual; after
 * the open time one request tries again; {@code shop_circuit_open} says which circuit is open.
 * Prints its figures.
 */
class HungServiceTest {

  private static final int TIMEOUT_MS = 1_000;
  /** Long enough for the 40 requests made while open, even on a loaded machine. */
  private static final int OPEN_MS = 4_000;

  @Test
  void aHungServiceIsCutOffByItsCircuitWhileTheOthersServe() throws Exception {
    RunningPlatform platform = RunningPlatform.start(BusKind.LOCAL, overrides -> overrides
        .put(ConfigKeys.SERVICES, "user,product,cart,order,payment,report,gateway")
        .put(ConfigKeys.BUS_TIMEOUT_MS, Integer.toString(TIMEOUT_MS))
        .put(ConfigKeys.CIRCUIT_FAILURES, "3")
        .put(ConfigKeys.CIRCUIT_OPEN_MS, Integer.toString(OPEN_MS)));
    try {
      platform.awaitReady();
      AtomicInteger reached = new AtomicInteger();
      Await.result(platform.bus().serve(new ServiceDefinition("ar", "1.0.0", "hangs")
          .endpoint("ar.snapshotList", request -> {
            reached.incrementAndGet();
            return Promise.<BusReply>promise().future();
          })));
      Http http = platform.http();

      // Time-outs until the circuit opens (a read is tried twice; each try counts).
      int timedOut = 0;
      long slowest = 0;
      for (int n = 0; n < 2; n++) {
        long started = System.nanoTime();
        Http.Response answer = http.get("/ar/snapshots", null);
        slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
        assertThat(answer.status()).as(answer.toString()).isIn(503, 504);
        timedOut += answer.status() == 504 ? 1 : 0;
      }
      assertThat(slowest).as("answered within the bus time-out, retry included").isLessThan(TIMEOUT_MS + 500);
      int reachedWhenOpened = reached.get();

      // Open: answered at once, the hung service not asked; the other services unaffected.
      long started = System.nanoTime();
      for (int n = 0; n < 20; n++) {
        Http.Response answer = http.get("/ar/snapshots", null);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().getString("message")).contains("ar is not answering in time");
        assertThat(http.get("/products?pageSize=1", null).status()).isEqualTo(200);
      }
      long openMs = (System.nanoTime() - started) / 1_000_000;
      assertThat(reached.get()).as("requests that reached the hung service while open").isEqualTo(reachedWhenOpened);
      // What an alert watches (deploy/prometheus/alerts.yml): the hung service's circuit open, the others' closed.
      assertThat(http.get("/metrics", null).text()).contains("shop_circuit_open{service=\"ar\"} 1.0")
          .contains("shop_circuit_open{service=\"product\"} 0.0");

      // After the open time, one request tries again; still hung, so the circuit opens again.
      Thread.sleep(OPEN_MS + 100);
      assertThat(http.get("/ar/snapshots", null).status()).isIn(503, 504);
      assertThat(reached.get()).as("the one trial request").isEqualTo(reachedWhenOpened + 1);
      assertThat(http.get("/ar/snapshots", null).status()).isEqualTo(503);

      System.out.printf("hung service: %d of 2 first reads 504 (slowest %d ms, bus time-out %d ms); then 20 reads"
          + " 503 and 20 product reads 200 in %d ms with the hung service asked %d times in all%n", timedOut, slowest,
          TIMEOUT_MS, openMs, reached.get());
    } finally {
      platform.stop();
    }
  }
}
