package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The administrators' views of orders (openapi.json, GET /admin/orders and /admin/orders/{id}): every
 * customer's orders with who placed them, and one order with its customer, address, payment and history.
 */
abstract class AdminOrdersApiContract extends PaymentApiTest {

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("orders").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private JsonObject listed(String query, Session admin) {
    Http.Response response = http.get("/admin/orders" + query, admin.accessToken());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @Test
  void administratorsListEveryCustomersOrdersNewestFirstWithTheirCustomer() {
    Session admin = admin();
    Session buyer = register("listed");
    JsonObject product = stocked(10, 10_000);
    JsonObject first = order(buyer, items(line(product, 1)));
    JsonObject second = order(buyer, items(line(product, 2)));
    http.put("/orders/" + first.getString("id") + "/cancel", new JsonObject(), buyer.accessToken());
    String today = LocalDate.now(ZoneOffset.UTC).toString();

    JsonObject page = listed("?userId=" + buyer.userId() + "&pageSize=1", admin);
    assertThat(ids(page)).containsExactly(second.getString("id"));
    assertThat(page.getLong("total")).isEqualTo(2);
    assertThat(page.getLong("totalPages")).isEqualTo(2);
    assertThat(page.getBoolean("totalCapped")).isFalse();
    JsonObject shown = page.getJsonArray("orders").getJsonObject(0);
    assertThat(shown.getJsonObject("customer").fieldNames()).containsExactlyInAnyOrder("id", "email", "fullName");
    assertThat(shown.getJsonObject("customer").getString("id")).isEqualTo(buyer.userId());
    assertThat(shown.getJsonObject("customer").getString("email")).isEqualTo(buyer.email());
    assertThat(ids(listed("?userId=" + buyer.userId() + "&pageSize=1&page=2", admin))).containsExactly(
        first.getString("id"));
    assertThat(ids(listed("?userId=" + buyer.userId() + "&status=CANCELLED&fromAt=" + today + "&toAt=" + today, admin)))
        .containsExactly(first.getString("id"));
    assertThat(ids(listed("?userId=" + buyer.userId() + "&toAt=2000-01-01", admin))).isEmpty();
    assertThat(ids(listed("?status=PENDING&pageSize=100", admin))).contains(second.getString("id"))
        .doesNotContain(first.getString("id"));

    JsonObject bad = assertError(http.get("/admin/orders?status=LOST&userId=someone&fromAt=2026-12-02&toAt=2026-12-01",
        admin.accessToken()), 400, "/admin/orders");
    assertThat(detailFields(bad)).containsExactlyInAnyOrder("status", "userId", "fromAt");
    assertError(http.get("/admin/orders", buyer.accessToken()), 403, "/admin/orders");
    assertError(http.get("/admin/orders", null), 401, "/admin/orders");
  }

  @Test
  void anOrdersDetailHasItsCustomerAddressPaymentAndHistory() {
    Session admin = admin();
    Session buyer = register("detailed");
    JsonObject address = http.post("/addresses", AddressesApiContract.address("12 Lê Lợi"), buyer.accessToken()).json();
    JsonObject product = stocked(10, 25_000);
    JsonObject order = order(buyer, items(line(product, 2)).put("addressId", address.getString("id")));
    String path = "/admin/orders/" + order.getString("id");

    Http.Response fresh = http.get(path, admin.accessToken());
    assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
    assertThat(fresh.json().getValue("payment")).as("nothing paid yet").isNull();

    JsonObject payment = paid(buyer, order, "COD");
    http.put("/orders/" + order.getString("id") + "/status", new JsonObject().put("status", "PAID"),
        admin.accessToken());
    JsonObject detail = http.get(path, admin.accessToken()).json();

    assertThat(detail.getJsonObject("order").getString("id")).isEqualTo(order.getString("id"));
    assertThat(detail.getJsonObject("order").getString("status")).isEqualTo("PAID");
    assertThat(detail.getJsonObject("customer").getString("id")).isEqualTo(buyer.userId());
    assertThat(detail.getJsonObject("customer").getString("email")).isEqualTo(buyer.email());
    assertThat(detail.getJsonObject("customer").containsKey("phone")).isTrue();
    assertThat(detail.getJsonObject("address")).isEqualTo(address);
    assertThat(detail.getJsonObject("payment").getString("id")).isEqualTo(payment.getString("paymentId"));
    JsonArray history = detail.getJsonArray("history");
    assertThat(history.stream().map(entry -> ((JsonObject) entry).getString("status")).toList())
        .containsExactly("PENDING", "PAID");
    assertThat(history.getJsonObject(0).getString("at")).isEqualTo(order.getString("createdAt"));
    assertThat(history.getJsonObject(1).getString("at")).isEqualTo(detail.getJsonObject("order").getString("updatedAt"));

    String unknown = "/admin/orders/" + UUID.randomUUID();
    assertError(http.get(unknown, admin.accessToken()), 404, unknown);
    assertError(http.get(path, buyer.accessToken()), 403, path);
    assertError(http.get(path, null), 401, path);
  }
}
