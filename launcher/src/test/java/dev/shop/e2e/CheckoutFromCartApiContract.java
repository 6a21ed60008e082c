package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The contract's "Orders" (openapi.json): checkout without items orders the caller's cart, through
 * the cart service ({@code cart.get}, {@code cart.removeOrdered}).
 */
abstract class CheckoutFromCartApiContract extends OrderApiTest {

  private void addToCart(Session user, JsonObject product, int quantity) {
    Http.Response added = http.post("/cart/items", line(product, quantity), user.accessToken());
    assertThat(added.status()).as(added.toString()).isEqualTo(200);
  }

  @Test
  void checkoutWithoutItemsOrdersTheCartAndEmptiesIt() {
    Session buyer = register("cartbuyer");
    JsonObject phone = stocked(5, 150_000);
    JsonObject cable = stocked(5, 20_000);
    addToCart(buyer, phone, 2);
    addToCart(buyer, cable, 1);
    http.put("/products/" + id(phone), new JsonObject().put("priceInt", 140_000), adminToken);

    JsonObject order = order(buyer, new JsonObject());

    assertThat(order.getJsonArray("items")).hasSize(2);
    assertThat(order.getLong("totalInt")).isEqualTo(2 * 140_000L + 20_000L);
    assertThat(stockOf(phone)).isEqualTo(3);
    assertThat(stockOf(cable)).isEqualTo(4);
    JsonObject cart = http.get("/cart", buyer.accessToken()).json();
    assertThat(cart.getJsonArray("items")).isEmpty();
  }

  @Test
  void anEmptyCartIs400() {
    Session buyer = register("emptycart");
    assertError(checkout(buyer, new JsonObject(), null), 400, "/orders");
  }

  @Test
  void aCartLineShortOfStockIs409AndTheCartStays() {
    Session buyer = register("shortcart");
    JsonObject product = stocked(3, 1_000);
    addToCart(buyer, product, 3);
    http.post("/products/" + id(product) + "/stock", new JsonObject().put("delta", -2), adminToken);

    JsonObject error = assertError(checkout(buyer, new JsonObject(), null), 409, "/orders");
    assertThat(detailFields(error)).containsExactly(id(product));
    assertThat(http.get("/cart", buyer.accessToken()).json().getJsonArray("items")).hasSize(1);
    assertThat(stockOf(product)).isEqualTo(1);
  }
}
