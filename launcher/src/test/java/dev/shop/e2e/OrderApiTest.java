package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Helpers of the order contracts: checkout as a client does it, stock as the catalogue shows it. */
abstract class OrderApiTest extends CatalogueApiTest {

  static final List<String> ORDER_FIELDS = List.of("id", "userId", "addressId", "status", "totalInt", "items",
      "createdAt", "updatedAt");
  static final List<String> ITEM_FIELDS = List.of("id", "orderId", "productId", "quantity", "priceInt", "createdAt",
      "product");

  static JsonObject line(JsonObject product, int quantity) {
    return new JsonObject().put("productId", id(product)).put("quantity", quantity);
  }

  static JsonObject items(JsonObject... lines) {
    return new JsonObject().put("items", new JsonArray(List.of((Object[]) lines)));
  }

  protected Http.Response checkout(Session user, JsonObject body, String idempotencyKey) {
    return http.send("POST", "/orders", body, user.accessToken(),
        idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
  }

  /** A checkout expected to succeed: the order. */
  protected JsonObject order(Session user, JsonObject body) {
    Http.Response response = checkout(user, body, null);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  protected int stockOf(JsonObject product) {
    return http.get("/products/" + id(product), null).json().getInteger("stock");
  }

  protected JsonObject stocked(int stock, long priceInt) {
    return createProduct(new JsonObject().put("stock", stock).put("priceInt", priceInt));
  }
}
