package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract's "Orders" (openapi.json) under concurrency: no overselling, stock returned once, one order per key. */
abstract class OrderConcurrencyContract extends OrderApiTest {

  @Test
  void simultaneousCheckoutsNeverSellMoreThanTheStock() throws Exception {
    Session buyer = register("rush");
    Session other = register("rush2");
    JsonObject product = stocked(10, 1_000);

    List<Http.Response> answers = inParallel(60, i -> checkout(i % 2 == 0 ? buyer : other,
        items(line(product, 1)), UUID.randomUUID().toString()));

    assertThat(countStatus(answers, 201)).as(answers.toString()).isEqualTo(10);
    assertThat(countStatus(answers, 409)).as(answers.toString()).isEqualTo(50);
    assertThat(stockOf(product)).isZero();
    long orders = http.get("/orders", buyer.accessToken()).json().getLong("total")
        + http.get("/orders", other.accessToken()).json().getLong("total");
    assertThat(orders).isEqualTo(10);
  }

  @Test
  void concurrentCancelsReturnTheStockOnce() throws Exception {
    Session buyer = register("cancelrush");
    JsonObject product = stocked(10, 1_000);
    JsonObject order = order(buyer, items(line(product, 3)));
    String path = "/orders/" + order.getString("id") + "/cancel";

    List<Http.Response> answers = inParallel(20, i -> http.put(path, null, i % 2 == 0 ? buyer.accessToken()
        : adminToken));

    assertThat(countStatus(answers, 200)).as(answers.toString()).isEqualTo(1);
    assertThat(countStatus(answers, 409)).as(answers.toString()).isEqualTo(19);
    assertThat(stockOf(product)).isEqualTo(10);
  }

  @Test
  void aRacingDuplicateKeyMakesOneOrder() throws Exception {
    Session buyer = register("keyrush");
    JsonObject product = stocked(10, 1_000);
    String key = UUID.randomUUID().toString();

    List<Http.Response> answers = inParallel(20, i -> checkout(buyer, items(line(product, 2)), key));

    List<String> ids = answers.stream().filter(r -> r.status() == 201).map(r -> r.json().getString("id"))
        .distinct().toList();
    assertThat(ids).as(answers.toString()).hasSize(1);
    assertThat(answers).as(answers.toString()).allMatch(r -> r.status() == 201 || r.status() == 409);
    Http.Response repeat = checkout(buyer, items(line(product, 2)), key);
    assertThat(repeat.json().getString("id")).isEqualTo(ids.get(0));
    assertThat(stockOf(product)).isEqualTo(8);
    assertThat(http.get("/orders", buyer.accessToken()).json().getLong("total")).isEqualTo(1);
  }
}
