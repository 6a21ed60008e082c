package dev.shop.product.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.error.ShopException;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.product.ReservationRequest;
import dev.shop.contract.product.StockLine;
import dev.shop.contract.product.StockReserveRequest;
import dev.shop.product.AdminCatalogue;
import dev.shop.product.ProductVerticle;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Low stock first ({@code sort=stock_asc}) without an index on the stock: only administrators may
 * list by it (each of its pages sorts its matches), and in exchange every stock change (a
 * checkout's reservation, its release, an administrator's adjustment) is a HOT update that writes
 * no index entry (docs/catalogue-search.md, "Low stock first").
 */
class LowStockFirstAloneTest {

  private static ServiceUnderTest product;
  private static AdminCatalogue catalogue;

  @BeforeAll
  static void start() {
    product = ServiceUnderTest.start(ProductVerticle.SERVICE, ProductVerticle.FACTORY);
    catalogue = new AdminCatalogue(product);
  }

  @AfterAll
  static void stop() {
    product.close();
  }

  @Test
  void onlyAnAdministratorListsLowStockFirst() {
    UUID more = catalogue.product(7, 1_000, null);
    UUID fewer = catalogue.product(2, 1_000, null);
    JsonObject lowStockFirst = new JsonObject().put("sort", "stock_asc");

    for (var caller : List.of(ServiceUnderTest.anonymous(), ServiceUnderTest.customer(UUID.randomUUID()))) {
      ShopException refused = product.refusal(ProductSubjects.PRODUCT_LIST, lowStockFirst, caller);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.getMessage()).isEqualTo("sort=stock_asc is for administrators");
    }
    List<String> listed = product.call(ProductSubjects.PRODUCT_LIST, lowStockFirst, AdminCatalogue.admin())
        .bodyAsObject().getJsonArray("products").stream().map(p -> ((JsonObject) p).getString("id")).toList();
    assertThat(listed).containsSubsequence(fewer.toString(), more.toString()); // other tests' products too
    // An unknown order is still a 400 for anybody.
    assertThat(product.refusal(ProductSubjects.PRODUCT_LIST, new JsonObject().put("sort", "stock_desc"),
        ServiceUnderTest.anonymous()).status()).isEqualTo(400);
  }

  /**
   * Every update of {@code products} this service's database ever had is a HOT one: the stock
   * changes below, and whatever making the products took. The counters are PostgreSQL's cumulative
   * statistics, which a backend reports within a few seconds of its transaction.
   */
  @Test
  void stockChangesAreHotUpdates() {
    UUID lamp = catalogue.product(10, 1_250, null);
    UUID order = UUID.randomUUID();
    product.call(ProductSubjects.STOCK_RESERVE, new StockReserveRequest(order,
        List.of(new StockLine(lamp.toString(), 3))).toJson(), ServiceUnderTest.anonymous());
    product.call(ProductSubjects.STOCK_RELEASE, new ReservationRequest(order).toJson(), ServiceUnderTest.anonymous());
    product.call(ProductSubjects.PRODUCT_ADJUST_STOCK, new JsonObject().put("id", lamp.toString())
        .put("changes", new JsonObject().put("delta", -4)), AdminCatalogue.admin());
    assertThat(catalogue.stock(lamp)).isEqualTo(6);

    Instant deadline = Instant.now().plusSeconds(30);
    Row counts = productUpdates();
    while (counts.getLong("updated") < 3 && Instant.now().isBefore(deadline)) {
      sleep();
      counts = productUpdates();
    }
    assertThat(counts.getLong("updated")).as("updates of products reported").isGreaterThanOrEqualTo(3);
    assertThat(counts.getLong("hot")).as("HOT updates of products").isEqualTo(counts.getLong("updated"));
  }

  private static Row productUpdates() {
    return product.rows("SELECT n_tup_upd AS updated, n_tup_hot_upd AS hot FROM pg_stat_user_tables "
        + "WHERE relname = 'products'").get(0);
  }

  private static void sleep() {
    try {
      Thread.sleep(Duration.ofMillis(200).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
