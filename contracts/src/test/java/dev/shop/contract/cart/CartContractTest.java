package dev.shop.contract.cart;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cart service's records: what the order service reads and sends, and back. */
class CartContractTest {

  private static final String PRODUCT = "01a213e4-02e1-794c-9d8a-452dd64af80f";

  @Test
  void cartLinesAreReadFromACartResponse() {
    JsonObject response = new JsonObject().put("id", "01a213e4-614d-7549-82b2-abe1367c94d4").putNull("userId")
        .put("sessionId", "3f6c1e9a-demo-session").put("items", new JsonArray().add(new JsonObject()
            .put("id", "01a213e4-6228-7f29-a110-ea80d05d99c3").put("productId", PRODUCT).put("quantity", 2)
            .put("priceInt", 3_149_000).put("product", new JsonObject().put("stock", 270))))
        .put("totalItems", 2).put("subtotalInt", 6_298_000);

    CartLines lines = CartLines.fromJson(response);

    assertThat(lines).isEqualTo(new CartLines(List.of(new CartLine(PRODUCT, 2))));
    assertThat(CartLines.fromJson(lines.toJson())).isEqualTo(lines);
  }

  @Test
  void aCartWithoutItemsHasNoLines() {
    assertThat(CartLines.fromJson(new JsonObject()).items()).isEmpty();
    assertThat(CartLines.fromJson(new JsonObject().put("items", new JsonArray())).items()).isEmpty();
  }

  @Test
  void removeOrderedNamesProductsAndQuantities() {
    RemoveOrderedRequest request = new RemoveOrderedRequest(List.of(new CartLine(PRODUCT, 2), new CartLine("x", 1)));

    assertThat(request.toJson().encode()).isEqualTo("{\"items\":[{\"productId\":\"" + PRODUCT
        + "\",\"quantity\":2},{\"productId\":\"x\",\"quantity\":1}]}");
    assertThat(RemoveOrderedRequest.fromJson(request.toJson())).isEqualTo(request);
    assertThat(RemoveOrderedRequest.fromJson(new JsonObject()).items()).isEmpty();
    assertThat(CartLine.fromJson(new JsonObject().putNull("productId").put("quantity", 3)))
        .isEqualTo(new CartLine(null, 3));
  }
}
