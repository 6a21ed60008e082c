package dev.shop.order.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.PeerStub;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.order.OrderVerticle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checkout ({@code order.create}) with the order service alone: the product service's
 * {@code stock.*} and the cart service's {@code cart.*} are stubs, so each of their answers,
 * failures included, can be chosen.
 */
class CheckoutAloneTest {

  private static ServiceUnderTest order;
  private PeerStub reserve;
  private PeerStub confirm;
  private PeerStub release;
  private PeerStub cartGet;
  private PeerStub removeOrdered;

  @BeforeAll
  static void start() {
    order = ServiceUnderTest.start(OrderVerticle.SERVICE, OrderVerticle::new);
  }

  @AfterAll
  static void stop() {
    order.close();
  }

  /** Every peer answers as a healthy one would; a test changes what it needs. */
  @BeforeEach
  void healthyPeers() {
    reserve = order.stub("stock.reserve").repliesWith(CheckoutAloneTest::reserved);
    confirm = order.stub("stock.confirm").repliesWith(body -> body.copy().put("status", "CONFIRMED"));
    release = order.stub("stock.release").repliesWith(body -> body.copy().put("released", true));
    cartGet = order.stub("cart.get").replies(new JsonObject().put("items", new JsonArray()));
    removeOrdered = order.stub("cart.removeOrdered").replies(new JsonObject().put("items", new JsonArray()));
  }

  /** The product service's answer to a reservation: every line at 1,000 a unit. */
  static JsonObject reserved(JsonObject request) {
    JsonArray lines = new JsonArray();
    request.getJsonArray("items").forEach(item -> lines.add(((JsonObject) item).copy()
        .put("priceInt", 1_000L).put("sku", "SKU").put("name", "Product").put("slug", "product")
        .put("imageUrls", new JsonArray())));
    return new JsonObject().put("orderId", request.getString("orderId")).put("items", lines);
  }

  static JsonObject items(UUID product, int quantity) {
    return new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("productId", product.toString()).put("quantity", quantity)));
  }

  private static long ordersOf(UUID user) {
    return order.number("SELECT count(*) FROM orders WHERE user_id = $1", user);
  }

  @Test
  void aReservationRefusedForShortStockIs409AndLeavesNoOrder() {
    UUID user = UUID.randomUUID();
    UUID product = UUID.randomUUID();
    reserve.fails(ShopException.conflict("Insufficient stock for 1 product",
        List.of(new FieldError(product.toString(), "only 2 left"))));

    ShopException refused = order.refusal("order.create", items(product, 3), ServiceUnderTest.customer(user, "key-1"));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.details()).extracting(FieldError::field).containsExactly(product.toString());
    assertThat(reserve.onlyRequest().getJsonArray("items")).isEqualTo(items(product, 3).getJsonArray("items"));
    assertThat(ordersOf(user)).isZero();
    assertThat(order.number("SELECT count(*) FROM idempotency_keys WHERE user_id = $1", user))
        .as("the key is free for a retry").isZero();
    assertThat(confirm.count()).as("nothing to confirm").isZero();

    reserve.repliesWith(CheckoutAloneTest::reserved);
    BusReply retried = order.call("order.create", items(product, 3), ServiceUnderTest.customer(user, "key-1"));
    assertThat(retried.status()).isEqualTo(201);
    assertThat(ordersOf(user)).isEqualTo(1);
  }
}
