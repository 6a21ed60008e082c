package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Reports" (openapi.json) through the gateway: who may read them, their shapes, bad input, and an order
 * paid now showing in today's figures. Exact figures over a scripted week: {@link ReportScenarioTest}.
 */
abstract class ReportsApiContract extends PaymentApiTest {

  private static final List<String> PATHS = List.of("/reports/sales-summary", "/reports/product-performance",
      "/reports/user-cohort");

  private JsonObject report(String pathAndQuery) {
    Http.Response response = http.get(pathAndQuery, adminToken);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @Test
  void onlyAdministratorsReadReports() {
    Session customer = register("reportreader");
    for (String path : PATHS) {
      assertError(http.get(path, null), 401, path);
      assertError(http.get(path, "not.a.token"), 401, path);
      assertError(http.get(path, customer.accessToken()), 403, path);
      assertThat(http.get(path, adminToken).status()).isEqualTo(200);
    }
  }

  @Test
  void theAnswersHaveTheContractsShapes() {
    JsonObject sales = report("/reports/sales-summary?fromAt=2026-01-01&toAt=2026-01-03");
    assertThat(sales.fieldNames()).containsExactlyInAnyOrder("fromAt", "toAt", "totalOrders", "paidOrders",
        "cancelledOrders", "grossRevenueInt", "averageOrderValueInt", "byDay");
    assertThat(sales.getString("fromAt")).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(sales.getString("toAt")).isEqualTo("2026-01-03T23:59:59.999Z");
    assertThat(sales.getJsonArray("byDay")).hasSize(3);
    assertThat(sales.getJsonArray("byDay").getJsonObject(0)).isEqualTo(new JsonObject().put("date", "2026-01-01")
        .put("orders", 0).put("revenueInt", 0));

    JsonObject products = report("/reports/product-performance?fromAt=2026-01-01T10:00:00Z&toAt=2026-01-01T11:00:00Z");
    assertThat(products.fieldNames()).containsExactlyInAnyOrder("fromAt", "toAt", "products");
    assertThat(products.getString("fromAt")).isEqualTo("2026-01-01T10:00:00.000Z");
    JsonObject cohorts = report("/reports/user-cohort?fromAt=2000-01-01&toAt=2000-02-01");
    assertThat(cohorts.fieldNames()).containsExactlyInAnyOrder("fromAt", "toAt", "cohorts");
    assertThat(cohorts.getJsonArray("cohorts")).isEmpty();
  }

  @Test
  void badRangesAndParametersAre400() {
    String sales = "/reports/sales-summary";
    assertThat(detailFields(assertError(http.get(sales + "?fromAt=2026-02-01&toAt=2026-01-01", adminToken), 400,
        sales))).containsExactly("fromAt");
    assertThat(detailFields(assertError(http.get(sales + "?fromAt=yesterday", adminToken), 400, sales)))
        .containsExactly("fromAt");
    assertThat(detailFields(assertError(http.get(sales + "?toAt=2026-13-45", adminToken), 400, sales)))
        .containsExactly("toAt");
    assertThat(detailFields(assertError(http.get(sales + "?page=2", adminToken), 400, sales))).containsExactly("page");
    String products = "/reports/product-performance";
    for (String limit : List.of("0", "101", "ten", "-1")) {
      assertThat(detailFields(assertError(http.get(products + "?limit=" + limit, adminToken), 400, products)))
          .containsExactly("limit");
    }
    String cohorts = "/reports/user-cohort";
    assertThat(detailFields(assertError(http.get(cohorts + "?fromAt=2026-01-01T25:00:00Z", adminToken), 400,
        cohorts))).containsExactly("fromAt");
  }

  @Test
  void anOrderPaidNowCountsInTodaysFiguresOnce() {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String range = "?fromAt=" + today + "&toAt=" + today;
    JsonObject before = report("/reports/sales-summary" + range);
    Session buyer = register("reported");
    JsonObject product = createProduct(new JsonObject().put("stock", 10).put("priceInt", 41_000)
        .put("sku", "REP-" + UUID.randomUUID()));
    JsonObject order = order(buyer, items(line(product, 3)));
    paid(buyer, order, "SePay");
    assertThat(notify(order.getString("id"), "TX-" + UUID.randomUUID(), 123_000, "SUCCESS").status()).isEqualTo(200);

    eventually(() -> report("/reports/sales-summary" + range).getLong("grossRevenueInt"),
        before.getLong("grossRevenueInt") + 123_000);
    JsonObject after = report("/reports/sales-summary" + range);
    assertThat(after.getLong("totalOrders")).isEqualTo(before.getLong("totalOrders") + 1);
    assertThat(after.getLong("paidOrders")).isEqualTo(before.getLong("paidOrders") + 1);
    JsonObject sold = report("/reports/product-performance" + range + "&limit=100").getJsonArray("products").stream()
        .map(p -> (JsonObject) p).filter(p -> p.getString("productId").equals(id(product))).findFirst().orElseThrow();
    assertThat(sold).isEqualTo(new JsonObject().put("productId", id(product)).put("sku", product.getString("sku"))
        .put("name", product.getString("name")).put("unitsSold", 3).put("revenueInt", 123_000).put("orders", 1));
  }
}
