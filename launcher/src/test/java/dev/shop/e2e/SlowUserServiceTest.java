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
 * A signed-in request is answered within one bus time-out, its checks included: while the user
 * service does not answer account-status questions, the gateway waits a fifth of the time-out for
 * one, goes on with the token's word, and gives the request the rest. Before, such a request waited
 * a whole time-out for the status, then up to another for its own answer.
 */
class SlowUserServiceTest {

  private static final int TIMEOUT_MS = 1_500;

  @Test
  void aSignedInRequestTakesOneTimeOutAtMostWhileAccountStatusHangs() throws Exception {
    RunningPlatform platform = RunningPlatform.start(BusKind.LOCAL, overrides -> overrides
        .put(ConfigKeys.SERVICES, "user,product,cart,order,payment,report,gateway")
        .put(ConfigKeys.INSTANCES, "1")
        .put(ConfigKeys.BUS_TIMEOUT_MS, Integer.toString(TIMEOUT_MS))
        .put(ConfigKeys.CIRCUIT_FAILURES, "0")
        // Every request asks: no answer is kept.
        .put(ConfigKeys.ACCOUNT_STATUS_CACHE_MS, "1"));
    try {
      platform.awaitReady();
      Http http = platform.http();
      String token = http.newCustomerToken("slow-user", "Slow User");
      // A second instance of the user service that never answers user.status: the local bus takes
      // the two instances in turn, so every other status question hangs.
      AtomicInteger statusAsked = new AtomicInteger();
      Await.result(platform.bus().serve(new ServiceDefinition("user", "1.0.0", "hangs on user.status")
          .endpoint("user.status", request -> {
            statusAsked.incrementAndGet();
            return Promise.<BusReply>promise().future();
          })));
      // And the AR service hangs altogether: a request that meets both needs the deadline to be shared.
      Await.result(platform.bus().serve(new ServiceDefinition("ar", "1.0.0", "hangs")
          .endpoint("ar.snapshotCreate", request -> Promise.<BusReply>promise().future())));

      long slowestAnswered = 0;
      for (int n = 0; n < 6; n++) {
        long started = System.nanoTime();
        Http.Response me = http.get("/auth/me", token);
        slowestAnswered = Math.max(slowestAnswered, (System.nanoTime() - started) / 1_000_000);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
      }
      assertThat(statusAsked.get()).as("status questions that met the hung instance").isGreaterThanOrEqualTo(2);
      assertThat(slowestAnswered).as("a signed-in read while account status hangs, ms").isLessThan(TIMEOUT_MS);

      long slowestTimedOut = 0;
      for (int n = 0; n < 4; n++) {
        long started = System.nanoTime();
        Http.Response created = http.post("/ar/snapshots",
            new io.vertx.core.json.JsonObject().put("productId", java.util.UUID.randomUUID().toString()), token);
        slowestTimedOut = Math.max(slowestTimedOut, (System.nanoTime() - started) / 1_000_000);
        assertThat(created.status()).as(created.toString()).isEqualTo(504);
      }
      // The time-out itself, plus what a loaded machine adds to an HTTP round trip; never two time-outs.
      assertThat(slowestTimedOut).as("a write to a hung service while account status hangs, ms")
          .isLessThan(TIMEOUT_MS + 400);
      System.out.printf("slow user service: signed-in reads answered in at most %d ms, writes to a hung service"
          + " 504 in at most %d ms (bus time-out %d ms, %d status questions hung)%n", slowestAnswered, slowestTimedOut,
          TIMEOUT_MS, statusAsked.get());
    } finally {
      platform.stop();
    }
  }
}
