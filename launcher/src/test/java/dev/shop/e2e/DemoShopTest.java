package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.config.ConfigKeys;
import dev.shop.launcher.demo.DemoShop;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Dev mode's demo shop: a first start with {@code SHOP_DEMO_DATA} makes customers and weeks of
 * orders through the services, and the reports agree with the orders; a second start adds nothing.
 */
class DemoShopTest {

  private static final Set<String> PAID = Set.of("PAID", "SHIPPED", "DELIVERED");

  private record Placed(String id, String status, long totalInt, LocalDate day) {
  }

  @Test
  void aFirstStartMakesALivingShopWhoseReportsAgreeAndASecondStartAddsNothing() {
    JsonObject overrides = RunningPlatform.freshOverrides(BusKind.LOCAL).put(ConfigKeys.DEMO_DATA, "true");
    long started = System.nanoTime();
    RunningPlatform first = RunningPlatform.start(overrides.copy());
    long userCount;
    JsonObject summary;
    try {
      first.awaitReady();
      System.out.println("demo shop: platform started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
      Http http = first.http();
      String admin = http.adminToken();

      List<JsonObject> customers = customers(http, admin);
      assertThat(customers).hasSize(30);
      assertThat(customers).as("the README's example customer")
          .anyMatch(customer -> customer.getString("email").equals("hanh.nguyen@example.com"));
      userCount = http.get("/users?pageSize=100", admin).json().getLong("total");

      List<Placed> orders = new ArrayList<>();
      Map<String, Integer> methods = new HashMap<>();
      Map<String, Integer> paymentStatuses = new HashMap<>();
      for (JsonObject customer : customers) {
        JsonObject login = http.post("/auth/login", new JsonObject().put("email", customer.getString("email"))
            .put("password", DemoShop.PASSWORD), null).json();
        String token = login.getString("accessToken");
        assertThat(token).as("the README's password signs %s in", customer.getString("email")).isNotNull();
        assertThat(http.get("/addresses", token).array()).hasSize(1);
        JsonArray mine = http.get("/orders?pageSize=100", token).json().getJsonArray("orders");
        for (Object value : mine) {
          JsonObject order = (JsonObject) value;
          Instant createdAt = Instant.parse(order.getString("createdAt"));
          orders.add(new Placed(order.getString("id"), order.getString("status"), order.getLong("totalInt"),
              LocalDate.ofInstant(createdAt, ZoneOffset.UTC)));
          JsonObject payment = http.get("/payments/order/" + order.getString("id"), token).json();
          methods.merge(payment.getString("method"), 1, Integer::sum);
          paymentStatuses.merge(payment.getString("status"), 1, Integer::sum);
        }
      }
      Map<String, Long> byStatus = new TreeMap<>();
      orders.forEach(order -> byStatus.merge(order.status(), 1L, Long::sum));
      System.out.println("demo shop: " + orders.size() + " orders " + byStatus + ", payments " + methods + " "
          + paymentStatuses);
      assertThat(byStatus.keySet()).containsExactlyInAnyOrder("PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED");
      assertThat(methods.keySet()).containsExactlyInAnyOrder("COD", "SePay");
      assertThat(paymentStatuses).containsKeys("SUCCESS", "REFUNDED", "FAILED", "PENDING");

      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      LocalDate firstDay = orders.stream().map(Placed::day).min(LocalDate::compareTo).orElseThrow();
      assertThat(orders).allMatch(order -> order.day().isBefore(today), "every order is of a past day");
      assertThat(firstDay).isBeforeOrEqualTo(today.minusDays(21));

      // The report service's read model agrees with the orders (it may still be catching up).
      String range = "fromAt=" + firstDay + "&toAt=" + today;
      long paid = orders.stream().filter(order -> PAID.contains(order.status())).count();
      long cancelled = orders.stream().filter(order -> order.status().equals("CANCELLED")).count();
      long revenue = orders.stream().filter(order -> PAID.contains(order.status())).mapToLong(Placed::totalInt).sum();
      JsonObject expected = new JsonObject().put("totalOrders", (long) orders.size()).put("paidOrders", paid)
          .put("cancelledOrders", cancelled).put("grossRevenueInt", revenue);
      summary = awaitSummary(http, admin, range, expected);
      assertThat(summary.getLong("totalOrders")).isEqualTo(orders.size());
      assertThat(summary.getLong("paidOrders")).isEqualTo(paid);
      assertThat(summary.getLong("cancelledOrders")).isEqualTo(cancelled);
      assertThat(summary.getLong("grossRevenueInt")).isEqualTo(revenue);
      Map<String, Long> revenueByDay = new TreeMap<>();
      orders.stream().filter(order -> PAID.contains(order.status()))
          .forEach(order -> revenueByDay.merge(order.day().toString(), order.totalInt(), Long::sum));
      Map<String, Long> reportedByDay = new TreeMap<>();
      summary.getJsonArray("byDay").stream().map(JsonObject.class::cast)
          .filter(day -> day.getLong("revenueInt") > 0)
          .forEach(day -> reportedByDay.put(day.getString("date"), day.getLong("revenueInt")));
      assertThat(reportedByDay).isEqualTo(revenueByDay);
      assertThat(reportedByDay).hasSizeGreaterThan(14);

      JsonArray products = http.get("/reports/product-performance?" + range, admin).json().getJsonArray("products");
      assertThat(products).hasSizeGreaterThan(5);
      JsonArray cohorts = http.get("/reports/user-cohort?fromAt=" + today.minusDays(150) + "&toAt=" + today, admin)
          .json().getJsonArray("cohorts");
      assertThat(cohorts.size()).as("sign-up months").isGreaterThan(2);
      // The customers, and the administrator, who signed up at today's start.
      assertThat(cohorts.stream().map(JsonObject.class::cast).mapToLong(cohort -> cohort.getLong("users")).sum())
          .isEqualTo(31);

      // The clock is the system's again: what a client does now is stamped now.
      JsonObject registered = http.post("/auth/register", new JsonObject().put("email", "after-demo@example.com")
          .put("password", "password-1").put("fullName", "Sau Demo"), null).json();
      String token = registered.getString("accessToken");
      Instant createdAt = Instant.parse(http.get("/auth/me", token).json().getString("createdAt"));
      assertThat(Duration.between(createdAt, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
      userCount++;
    } finally {
      first.stop();
    }

    RunningPlatform second = RunningPlatform.start(overrides.copy());
    try {
      second.awaitReady();
      Http http = second.http();
      String admin = http.adminToken();
      assertThat(http.get("/users?pageSize=100", admin).json().getLong("total")).isEqualTo(userCount);
      JsonObject again = http.get("/reports/sales-summary?fromAt=" + summary.getString("fromAt") + "&toAt="
          + summary.getString("toAt"), admin).json();
      assertThat(again.getLong("totalOrders")).isEqualTo(summary.getLong("totalOrders"));
    } finally {
      second.stop();
    }
  }

  /** The demo's customers (at example.com), from the administrator's list of users. */
  private static List<JsonObject> customers(Http http, String admin) {
    List<JsonObject> customers = new ArrayList<>();
    Set<String> emails = new HashSet<>();
    for (Object value : http.get("/users?pageSize=100", admin).json().getJsonArray("users")) {
      JsonObject user = (JsonObject) value;
      if (user.getString("role").equals("CUSTOMER") && user.getString("email").endsWith("@example.com")
          && emails.add(user.getString("email"))) {
        customers.add(user);
      }
    }
    return customers;
  }

  /** The sales summary of {@code range} once its totals are {@code expected}'s, or after 15 s. */
  private static JsonObject awaitSummary(Http http, String admin, String range, JsonObject expected) {
    long deadline = System.currentTimeMillis() + 15_000;
    JsonObject summary;
    do {
      summary = http.get("/reports/sales-summary?" + range, admin).json();
      JsonObject answered = summary;
      if (expected.fieldNames().stream().allMatch(total -> expected.getLong(total).equals(answered.getLong(total)))) {
        return summary;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    } while (System.currentTimeMillis() < deadline);
    return summary;
  }
}
