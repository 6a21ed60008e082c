package dev.shop.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestNats;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NatsBusTest extends BusContractTest {

  @Override
  Bus createBus(Vertx vertx) {
    return Await.result(NatsBus.connect(vertx, TestNats.url(), "bus-test", TIMEOUT));
  }

  @Test
  void speaksTheNatsServicesProtocolToAnyClient() throws Exception {
    serve(new ServiceDefinition("inventory", "2.1.0", "counts things")
        .endpoint(prefix + "count", request -> Future.succeededFuture(BusReply.ok(new JsonObject().put("count", 3))))
        .endpoint(prefix + "refuse", request -> {
          throw dev.shop.common.error.ShopException.forbidden("Administrator role required");
        }));

    try (Connection raw = Nats.connect(TestNats.url())) {
      Message ping = raw.request("$SRV.PING.inventory", new byte[0], Duration.ofSeconds(2));
      JsonObject pong = new JsonObject(new String(ping.getData(), StandardCharsets.UTF_8));
      assertThat(pong.getString("name")).isEqualTo("inventory");
      assertThat(pong.getString("version")).isEqualTo("2.1.0");

      Message info = raw.request("$SRV.INFO.inventory", new byte[0], Duration.ofSeconds(2));
      JsonObject infoJson = new JsonObject(new String(info.getData(), StandardCharsets.UTF_8));
      assertThat(infoJson.getJsonArray("endpoints").stream().map(e -> ((JsonObject) e).getString("queue_group")))
          .containsOnly("inventory");

      Message answer = raw.request(prefix + "count", "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2));
      assertThat(new JsonObject(new String(answer.getData(), StandardCharsets.UTF_8)).getInteger("count")).isEqualTo(3);

      Message refused = raw.request(prefix + "refuse", "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2));
      Headers headers = refused.getHeaders();
      assertThat(headers.getFirst("Nats-Service-Error-Code")).isEqualTo("403");
      assertThat(headers.getFirst("Nats-Service-Error")).isEqualTo("Administrator role required");

      Message stats = raw.request("$SRV.STATS.inventory", new byte[0], Duration.ofSeconds(2));
      JsonObject statsJson = new JsonObject(new String(stats.getData(), StandardCharsets.UTF_8));
      assertThat(statsJson.getJsonArray("endpoints").stream()
          .mapToLong(e -> ((JsonObject) e).getLong("num_requests")).sum()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void aMalformedBodyFromAForeignClientIs400() throws Exception {
    serve(new ServiceDefinition("strict", "1.0.0", "strict")
        .endpoint(prefix + "strict", request -> Future.succeededFuture(BusReply.success())));
    try (Connection raw = Nats.connect(TestNats.url())) {
      Message answer = raw.request(prefix + "strict", "[1,2".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2));
      assertThat(answer.getHeaders().getFirst("Nats-Service-Error-Code")).isEqualTo("400");
    }
  }
}
