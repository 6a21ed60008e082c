package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's "Catalogue" (openapi.json): stock adjustments, alone and concurrent. */
abstract class StockApiContract extends CatalogueApiTest {

  @Test
  void anAdjustmentAnswersTheStockBeforeAndAfter() {
    JsonObject product = createProduct(new JsonObject().put("stock", 5));
    String path = "/products/" + id(product) + "/stock";

    Http.Response added = http.post(path, new JsonObject().put("delta", 7), adminToken);
    assertThat(added.status()).as(added.toString()).isEqualTo(200);
    assertThat(added.json()).isEqualTo(new JsonObject().put("productId", id(product)).put("previousStock", 5)
        .put("newStock", 12).put("quantityChanged", 7));

    Http.Response removed = http.post(path, new JsonObject().put("delta", -12), adminToken);
    assertThat(removed.json()).isEqualTo(new JsonObject().put("productId", id(product)).put("previousStock", 12)
        .put("newStock", 0).put("quantityChanged", -12));
    assertThat(http.get("/products/" + id(product), null).json().getInteger("stock")).isZero();
  }

  @Test
  void goingBelowZeroIs409AndChangesNothing() {
    JsonObject product = createProduct(new JsonObject().put("stock", 3));
    String path = "/products/" + id(product) + "/stock";
    assertError(http.post(path, new JsonObject().put("delta", -4), adminToken), 409, path);
    assertThat(http.get("/products/" + id(product), null).json().getInteger("stock")).isEqualTo(3);
  }

  @Test
  void theDeltaIsANonZeroInteger() {
    String path = "/products/" + id(createProduct(new JsonObject())) + "/stock";
    for (Object delta : new Object[] {0, 1.5, "5", true}) {
      assertThat(detailFields(assertError(http.post(path, new JsonObject().put("delta", delta), adminToken), 400,
          path))).as(String.valueOf(delta)).containsExactly("delta");
    }
    assertThat(detailFields(assertError(http.post(path, new JsonObject(), adminToken), 400, path)))
        .containsExactly("delta");
    assertThat(detailFields(assertError(http.post(path, new JsonObject().put("delta", 1).put("reason", "x"),
        adminToken), 400, path))).containsExactly("reason");
  }

  @Test
  void concurrentRemovalsNeverSellMoreThanTheStock() throws Exception {
    JsonObject product = createProduct(new JsonObject().put("stock", 25));
    List<Integer> statuses = inParallel(40, i -> -1, id(product));

    assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(25);
    assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(15);
    assertThat(http.get("/products/" + id(product), null).json().getInteger("stock")).isZero();
  }

  @Test
  void concurrentMixedAdjustmentsLoseNoUpdate() throws Exception {
    JsonObject product = createProduct(new JsonObject().put("stock", 50));
    List<Integer> statuses = inParallel(60, i -> i % 2 == 0 ? 3 : -1, id(product));

    assertThat(statuses).containsOnly(200);
    assertThat(http.get("/products/" + id(product), null).json().getInteger("stock")).isEqualTo(50 + 30 * 3 - 30);
  }

  /** Sends {@code count} adjustments at once and answers their statuses. */
  private List<Integer> inParallel(int count, java.util.function.IntUnaryOperator delta, String productId)
      throws Exception {
    String path = "/products/" + productId + "/stock";
    return inParallel(count, i -> http.post(path, new JsonObject().put("delta", delta.applyAsInt(i)), adminToken)
        .status());
  }
}
