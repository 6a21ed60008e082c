package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.TestNats;
import io.nats.NatsServerRunner;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An HTTP body under the gateway's limit that cannot fit on the bus with its headers is answered
 * 413 at once, not 500 nor a time-out: here nats-server takes messages of 64 KiB at most.
 */
class BusPayloadLimitTest {

  @Test
  void aBodyTooLargeForTheBusIs413AndSmallerOnesStillWork() throws Exception {
    Path config = Files.writeString(Files.createTempFile("nats-small", ".conf"), "max_payload: 65536\n");
    try (NatsServerRunner nats = TestNats.configured(config, Map.of(), line -> { })) {
      RunningPlatform platform = RunningPlatform.start(BusKind.NATS, overrides -> overrides
          .put(ConfigKeys.NATS_URL, nats.getURI()));
      try {
        platform.awaitReady();
        Http http = platform.http();
        String admin = http.adminToken();
        JsonObject product = new JsonObject().put("sku", "BIG-" + UUID.randomUUID()).put("name", "Bulky kettle")
            .put("priceInt", 1_000).put("stock", 1);

        Http.Response tooLarge = http.post("/products", product.copy().put("description", "x".repeat(100_000)), admin);
        assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
        assertThat(tooLarge.json().getString("message")).contains("too large for the bus");

        Http.Response fits = http.post("/products", product.put("description", "fits"), admin);
        assertThat(fits.status()).as(fits.toString()).isEqualTo(201);
      } finally {
        platform.stop();
      }
    }
  }
}
