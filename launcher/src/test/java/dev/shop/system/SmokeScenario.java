package dev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.e2e.Http;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The production shape's smoke scenario through HTTP, whatever runs the platform (plain JVMs in
 * {@code MultiJvmIT}, containers in {@code ComposeContainersIT}, a JVM role per connection under
 * NATS permissions in {@code NatsPermissionsTest}): register, browse, cart, add an address, checkout,
 * pay, the administrators' order page, report.
 */
public final class SmokeScenario {

  public static final int STOCK = 100_000;

  private SmokeScenario() {
  }

  /** Runs it as the given administrator; answers the id of the product it created (stock {@link #STOCK}). */
  public static String run(Http http, String adminEmail, String adminPassword) throws InterruptedException {
    Http.Response login = http.post("/auth/login", new JsonObject().put("email", adminEmail)
        .put("password", adminPassword), null);
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    String admin = login.json().getString("accessToken");
    String sku = "SMOKE-" + UUID.randomUUID().toString().substring(0, 8);
    Http.Response created = http.post("/products", new JsonObject().put("sku", sku).put("name", "Smoke kettle")
        .put("priceInt", 250_000).put("stock", STOCK), admin);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String productId = created.json().getString("id");

    Http.Response registered = http.post("/auth/register", new JsonObject().put("email", "smoke-" + UUID.randomUUID()
        + "@example.com").put("password", "password-1").put("fullName", "Smoke Test"), null);
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    String customer = registered.json().getString("accessToken");

    Http.Response found = http.get("/products?search=" + sku, null);
    assertThat(found.json().getJsonArray("products")).extracting(p -> ((JsonObject) p).getString("id"))
        .containsExactly(productId);
    assertThat(http.get("/products/" + productId, null).status()).isEqualTo(200);

    Http.Response cart = http.post("/cart/items", new JsonObject().put("productId", productId).put("quantity", 2), customer);
    assertThat(cart.status()).as(cart.toString()).isIn(200, 201);
    Http.Response address = http.post("/addresses", new JsonObject().put("fullName", "Smoke Test")
        .put("phone", "0901234567").put("street", "1 Lê Lợi").put("ward", "Bến Nghé").put("district", "Quận 1")
        .put("city", "Hồ Chí Minh"), customer);
    assertThat(address.status()).as(address.toString()).isEqualTo(201);
    Http.Response order = http.post("/orders", new JsonObject().put("addressId", address.json().getString("id")),
        customer);
    assertThat(order.status()).as(order.toString()).isEqualTo(201);
    String orderId = order.json().getString("id");
    assertThat(order.json().getLong("totalInt")).isEqualTo(500_000);

    Http.Response paid = http.post("/payments/process", new JsonObject().put("orderId", orderId).put("method", "COD"),
        customer);
    assertThat(paid.status()).as(paid.toString()).isIn(200, 201);

    // The administrators' order page asks the user and payment services for its parts.
    Http.Response detail = http.get("/admin/orders/" + orderId, admin);
    assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
    assertThat(detail.json().getJsonObject("customer")).as("the customer (user.summaries)").isNotNull();
    assertThat(detail.json().getJsonObject("address")).as("the address (address.findById)").isNotNull();
    assertThat(detail.json().getJsonObject("payment")).as("the payment (payment.getByOrder)").isNotNull();

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonObject sales = null;
    while (System.nanoTime() < deadline) {
      sales = http.get("/reports/sales-summary?fromAt=" + today + "&toAt=" + today, admin).json();
      if (sales.getInteger("totalOrders", 0) >= 1) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(sales.getInteger("totalOrders")).as("the report service counted the order from its event")
        .isGreaterThanOrEqualTo(1);
    return productId;
  }
}
