package dev.shop.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.cart.CartLine;
import dev.shop.contract.cart.CartSubjects;
import dev.shop.contract.cart.RemoveOrderedRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The cart's writes raced against each other on one cart. Every write locks the cart row before
 * its lines (db/migration/cart/LOCKING.md), so none is aborted as a deadlock and none is lost.
 */
class CartConcurrencyTest {

  private static final int ADDS = 50;

  private static ServiceUnderTest cart;
  private static StubCatalogue catalogue;

  @BeforeAll
  static void start() {
    cart = ServiceUnderTest.startForRaces(CartVerticle.SERVICE, CartVerticle.FACTORY);
    catalogue = new StubCatalogue(cart);
  }

  @AfterAll
  static void stop() {
    cart.close();
  }

  private static Future<BusReply> add(RequestMeta customer, String product) {
    return cart.request(CartSubjects.ADD_ITEM, new JsonObject().put("productId", product).put("quantity", 1), customer);
  }

  private static JsonObject removal(String product, int quantity) {
    return new RemoveOrderedRequest(List.of(new CartLine(product, quantity))).toJson();
  }

  private static long units(UUID user, String product) {
    return cart.number("SELECT coalesce(sum(quantity), 0) FROM cart_items WHERE product_id = $1::uuid "
        + "AND cart_id = (SELECT id FROM carts WHERE user_id = $2)", product, user);
  }

  /** A checkout's removal of the ordered units racing adds of the same product: the added units stay. */
  @RepeatedTest(3)
  void removingTheOrderedUnitsWhileAddingLeavesExactlyTheAddedUnits() {
    UUID user = UUID.randomUUID();
    RequestMeta customer = ServiceUnderTest.customer(user);
    String product = catalogue.product(5_000, 1_000);
    Await.result(cart.request(CartSubjects.ADD_ITEM, new JsonObject().put("productId", product).put("quantity", 5), customer));

    List<Future<BusReply>> writes = new ArrayList<>();
    for (int i = 0; i < ADDS; i++) {
      writes.add(add(customer, product));
      if (i == ADDS / 4) {
        writes.add(cart.request(CartSubjects.REMOVE_ORDERED, removal(product, 5), customer));
      }
    }
    Await.result(Future.join(writes).otherwiseEmpty());

    assertThat(writes).allSatisfy(write -> assertThat(write.failed())
        .as(() -> String.valueOf(write.cause())).isFalse());
    assertThat(units(user, product)).isEqualTo(ADDS);
  }

  /** Every kind of write at once on one cart: all answer, and the lines add up. */
  @Test
  void everyWriteRacedOnOneCartCompletes() {
    UUID user = UUID.randomUUID();
    RequestMeta customer = ServiceUnderTest.customer(user);
    String added = catalogue.product(5_000, 1_000);
    String ordered = catalogue.product(5_000, 1_000);
    String changed = catalogue.product(5_000, 1_000);
    Await.result(cart.request(CartSubjects.ADD_ITEM, new JsonObject().put("productId", ordered).put("quantity", 40), customer));
    JsonObject withChanged = Await.result(cart.request(CartSubjects.ADD_ITEM,
        new JsonObject().put("productId", changed).put("quantity", 1), customer)).bodyAsObject();
    String changedLine = withChanged.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> changed.equals(item.getString("productId"))).findFirst().orElseThrow().getString("id");

    List<Future<BusReply>> writes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      writes.add(add(customer, added));
      writes.add(add(customer, ordered));
      writes.add(cart.request(CartSubjects.REMOVE_ORDERED, removal(ordered, 2), customer));
      writes.add(cart.request(CartSubjects.UPDATE_ITEM, new JsonObject().put("id", changedLine)
          .put("changes", new JsonObject().put("quantity", 1 + i % 3)), customer));
      writes.add(cart.request(CartSubjects.GET, new JsonObject(), customer));
    }
    Await.result(Future.join(writes).otherwiseEmpty());

    assertThat(writes).allSatisfy(write -> assertThat(write.failed())
        .as(() -> String.valueOf(write.cause())).isFalse());
    assertThat(units(user, added)).isEqualTo(20);
    assertThat(units(user, ordered)).as("40 + 20 added - 20 * 2 ordered").isEqualTo(20);
    assertThat(units(user, changed)).isBetween(1L, 3L);
  }
}
