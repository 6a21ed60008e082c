package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.TestNats;
import io.nats.NatsServerRunner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Over NATS, the report service runs in a JVM of its own (here: a platform of its own) and is
 * stopped while orders are placed and paid. Its durable consumers kept their place in the event
 * stream: once it is back, the reports count every one of those orders, each exactly once.
 */
class ReportConsumerOutageTest {

  private static final String EVERYTHING_BUT_REPORTS = "gateway,user,product,cart,order,payment,ar";

  @Test
  void ordersPlacedAndPaidWhileTheReportServiceIsDownAreCountedOnceWhenItIsBack() throws Exception {
    try (NatsServerRunner nats = TestNats.isolated()) {
      JsonObject config = RunningPlatform.freshOverrides(BusKind.NATS).put(ConfigKeys.NATS_URL, nats.getURI());
      RunningPlatform shop = RunningPlatform.start(config.copy().put(ConfigKeys.SERVICES, EVERYTHING_BUT_REPORTS));
      RunningPlatform reports = RunningPlatform.start(config.copy().put(ConfigKeys.SERVICES, "report"));
      try {
        shop.awaitReady();
        Shopper shopper = new Shopper(shop.http());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String summary = "/reports/sales-summary?fromAt=" + today + "&toAt=" + today;

        List<Long> paidTotals = new ArrayList<>();
        paidTotals.add(shopper.placeAndPay(2));
        PaymentApiTest.eventually(() -> shopper.report(summary).getLong("paidOrders"), 1L);

        reports.stop();
        assertThat(shop.http().get(summary, shopper.adminToken).status()).isEqualTo(503);
        for (int quantity = 1; quantity <= 4; quantity++) {
          paidTotals.add(shopper.placeAndPay(quantity));
        }
        shopper.placeOnly(1);

        reports = RunningPlatform.start(config.copy().put(ConfigKeys.SERVICES, "report"));
        long gross = paidTotals.stream().mapToLong(Long::longValue).sum();
        PaymentApiTest.eventually(() -> shopper.report(summary).getLong("grossRevenueInt"), gross);
        // Redeliveries and late events change nothing: still each order once.
        Thread.sleep(1_500);
        JsonObject figures = shopper.report(summary);
        assertThat(figures.getLong("totalOrders")).isEqualTo(6);
        assertThat(figures.getLong("paidOrders")).isEqualTo(5);
        assertThat(figures.getLong("grossRevenueInt")).isEqualTo(gross);
        JsonArray days = figures.getJsonArray("byDay");
        assertThat(days).hasSize(1);
        assertThat(days.getJsonObject(0).getLong("orders")).isEqualTo(6);
      } finally {
        reports.stop();
        shop.stop();
      }
    }
  }

  /** A customer who buys and pays through the gateway, the provider's webhook included. */
  private static final class Shopper {

    private final Http http;
    private final String adminToken;
    private final String token;
    private final String productId;

    Shopper(Http http) {
      this.http = http;
      this.adminToken = http.adminToken();
      this.token = http.newCustomerToken("outage", "Outage");
      this.productId = http.post("/products", new JsonObject().put("sku", "OUT-" + UUID.randomUUID())
          .put("name", "Outage product").put("priceInt", 12_500).put("stock", 1_000), adminToken).json().getString("id");
    }

    JsonObject placeOnly(int quantity) {
      Http.Response order = http.post("/orders", new JsonObject().put("items", new JsonArray()
          .add(new JsonObject().put("productId", productId).put("quantity", quantity))), token);
      assertThat(order.status()).as(order.toString()).isEqualTo(201);
      return order.json();
    }

    /** Places an order and pays it by SePay; answers its total once the order is PAID. */
    long placeAndPay(int quantity) {
      JsonObject order = placeOnly(quantity);
      PaymentApiTest.payByTransfer(http, token, order);
      return order.getLong("totalInt");
    }

    JsonObject report(String pathAndQuery) {
      Http.Response response = http.get(pathAndQuery, adminToken);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      return response.json();
    }
  }
}
