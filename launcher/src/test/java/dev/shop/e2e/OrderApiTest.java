package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

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

  /** Sends {@code count} requests at once (each built by {@code send}) and answers them in order. */
  static List<Http.Response> inParallel(int count, IntFunction<Http.Response> send) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Http.Response>> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        answers.add(threads.submit(() -> {
          start.await();
          return send.apply(index);
        }));
      }
      start.countDown();
      List<Http.Response> responses = new ArrayList<>();
      for (Future<Http.Response> answer : answers) {
        responses.add(answer.get());
      }
      return responses;
    } finally {
      threads.shutdownNow();
    }
  }

  static long countStatus(List<Http.Response> responses, int status) {
    return responses.stream().filter(r -> r.status() == status).count();
  }
}
