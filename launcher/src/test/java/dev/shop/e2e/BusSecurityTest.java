package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shop.common.bus.BusHeaders;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.TestNats;
import io.nats.NatsServerRunner;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The bus is not an open door: a nats-server that requires credentials (as docs/SECURITY.md
 * configures it), the platform connecting with its own ({@code SHOP_NATS_USER},
 * {@code SHOP_NATS_PASSWORD}); a connection without them is refused, and one with them but without
 * the bus signing key can neither call a service subject nor act as another user or an administrator.
 */
class BusSecurityTest {

  private static final String NATS_USER = "shop-platform";
  private static final String NATS_PASSWORD = "bus-security-test-password";

  @Test
  void onlyThePlatformWithItsCredentialsAndSigningKeyIsServed() throws Exception {
    try (NatsServerRunner nats = TestNats.isolated(List.of("--user", NATS_USER, "--pass", NATS_PASSWORD))) {
      String url = nats.getURI();
      RunningPlatform platform = RunningPlatform.start(BusKind.NATS, overrides -> overrides
          .put(ConfigKeys.NATS_URL, url)
          .put(ConfigKeys.NATS_USER, NATS_USER)
          .put(ConfigKeys.NATS_PASSWORD, NATS_PASSWORD));
      try {
        platform.awaitReady();
        Http http = platform.http();
        String admin = http.adminToken();
        Http.Response created = http.post("/products", new JsonObject().put("sku", "SEC-" + UUID.randomUUID())
            .put("name", "Guarded").put("priceInt", 1_000).put("stock", 1), admin);
        assertThat(created.status()).as("the platform, with its credentials, serves").isEqualTo(201);

        assertThatThrownBy(() -> Nats.connect(url)).as("a connection without credentials").isInstanceOf(Exception.class);

        Options withCredentials = new Options.Builder().server(url).userInfo(NATS_USER, NATS_PASSWORD).build();
        try (Connection intruder = Nats.connect(withCredentials)) {
          byte[] body = new JsonObject().put("sku", "FORGED-" + UUID.randomUUID()).put("name", "Forged")
              .put("priceInt", 1).put("stock", 1).encode().getBytes(StandardCharsets.UTF_8);
          Headers asAdmin = new Headers().put(BusHeaders.CALLER_ID, UUID.randomUUID().toString())
              .put(BusHeaders.CALLER_ROLE, "ADMIN");
          Message forged = intruder.request("product.create", asAdmin, body, Duration.ofSeconds(5));
          assertThat(forged.getHeaders().getFirst("Nats-Service-Error-Code")).as("posing as an administrator")
              .isEqualTo("401");

          String customer = http.post("/auth/register", new JsonObject().put("email", "victim-" + UUID.randomUUID()
              + "@example.com").put("password", "password-1").put("fullName", "Victim"), null).json()
              .getJsonObject("user").getString("id");
          Headers asCustomer = new Headers().put(BusHeaders.CALLER_ID, customer).put(BusHeaders.CALLER_ROLE, "CUSTOMER");
          Message orders = intruder.request("order.listByUser", asCustomer, "{}".getBytes(StandardCharsets.UTF_8),
              Duration.ofSeconds(5));
          assertThat(orders.getHeaders().getFirst("Nats-Service-Error-Code")).as("posing as a customer")
              .isEqualTo("401");
        }
        assertThat(http.get("/products?search=FORGED", null).json().getInteger("total"))
            .as("nothing the intruder sent was done").isZero();
      } finally {
        platform.stop();
      }
    }
  }
}
