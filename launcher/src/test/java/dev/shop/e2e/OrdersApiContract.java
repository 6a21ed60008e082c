package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract's "Orders" (openapi.json): checkout with explicit items, reading, listing, status changes, cancelling. */
abstract class OrdersApiContract extends OrderApiTest {

  @Test
  void checkoutChargesTheCataloguePricesAndReservesTheStock() {
    Session buyer = register("buyer");
    JsonObject phone = createProduct(new JsonObject().put("stock", 5).put("priceInt", 150_000)
        .put("imageUrls", new JsonArray().add("https://img.example/p.png")));
    JsonObject cable = stocked(3, 20_000);

    JsonObject order = order(buyer, items(line(phone, 2).put("priceInt", 1), line(cable, 1)));

    assertThat(order.fieldNames()).containsExactlyInAnyOrderElementsOf(ORDER_FIELDS);
    assertThat(order.getString("userId")).isEqualTo(buyer.userId());
    assertThat(order.getString("status")).isEqualTo("PENDING");
    assertThat(order.getValue("addressId")).isNull();
    assertThat(order.getLong("totalInt")).isEqualTo(2 * 150_000L + 20_000L);
    JsonArray lines = order.getJsonArray("items");
    assertThat(lines).hasSize(2);
    JsonObject phoneLine = lines.stream().map(l -> (JsonObject) l)
        .filter(l -> l.getString("productId").equals(id(phone))).findFirst().orElseThrow();
    assertThat(phoneLine.fieldNames()).containsExactlyInAnyOrderElementsOf(ITEM_FIELDS);
    assertThat(phoneLine.getString("orderId")).isEqualTo(order.getString("id"));
    assertThat(phoneLine.getInteger("quantity")).isEqualTo(2);
    assertThat(phoneLine.getLong("priceInt")).isEqualTo(150_000L);
    assertThat(phoneLine.getJsonObject("product")).isEqualTo(new JsonObject().put("id", id(phone))
        .put("sku", phone.getString("sku")).put("name", phone.getString("name")).put("slug", phone.getString("slug"))
        .put("imageUrls", new JsonArray().add("https://img.example/p.png")));
    assertThat(stockOf(phone)).isEqualTo(3);
    assertThat(stockOf(cable)).isEqualTo(2);

    Http.Response read = http.get("/orders/" + order.getString("id"), buyer.accessToken());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(order);
  }

  @Test
  void theSameProductTwiceIsOneLine() {
    Session buyer = register("twice");
    JsonObject product = stocked(10, 1_000);
    JsonObject order = order(buyer, items(line(product, 2), line(product, 3)));
    assertThat(order.getJsonArray("items")).hasSize(1);
    assertThat(order.getJsonArray("items").getJsonObject(0).getInteger("quantity")).isEqualTo(5);
    assertThat(order.getLong("totalInt")).isEqualTo(5_000L);
    assertThat(stockOf(product)).isEqualTo(5);
  }

  @Test
  void checkoutValidatesTheBody() {
    Session buyer = register("badbody");
    JsonObject product = stocked(5, 1_000);
    assertThat(detailFields(assertError(checkout(buyer, items(line(product, 1)).put("coupon", "X"), null), 400,
        "/orders"))).containsExactly("coupon");
    assertThat(detailFields(assertError(checkout(buyer, items(line(product, 0), line(product, 1000),
        new JsonObject().put("quantity", 1), line(product, 1).put("note", "x"),
        new JsonObject().put("productId", 5).put("quantity", "2")), null), 400, "/orders")))
        .containsExactlyInAnyOrder("items[0].quantity", "items[1].quantity", "items[2].productId", "items[3].note",
            "items[4].productId", "items[4].quantity");
    assertThat(detailFields(assertError(checkout(buyer, new JsonObject().put("items", new JsonArray()), null), 400,
        "/orders"))).containsExactly("items");
    assertThat(detailFields(assertError(checkout(buyer, new JsonObject().put("items", "all"), null), 400,
        "/orders"))).containsExactly("items");
    assertThat(detailFields(assertError(checkout(buyer, items(line(product, 1)).put("addressId", "home"), null), 400,
        "/orders"))).containsExactly("addressId");
    assertError(http.post("/orders", items(line(product, 1)), null), 401, "/orders");
    assertThat(stockOf(product)).isEqualTo(5);
  }

  @Test
  void theAddressMustBeOneOfTheCallers() {
    Session buyer = register("addrbuyer");
    Session other = register("addrother");
    JsonObject product = stocked(5, 1_000);
    String mine = http.post("/addresses", AddressesApiContract.address("1 Lê Lợi"), buyer.accessToken()).json()
        .getString("id");
    String theirs = http.post("/addresses", AddressesApiContract.address("2 Lê Lợi"), other.accessToken()).json()
        .getString("id");

    assertThat(detailFields(assertError(checkout(buyer, items(line(product, 1)).put("addressId", theirs), null), 400,
        "/orders"))).containsExactly("addressId");
    assertThat(stockOf(product)).isEqualTo(5);
    JsonObject order = order(buyer, items(line(product, 1)).put("addressId", mine));
    assertThat(order.getString("addressId")).isEqualTo(mine);
  }

  @Test
  void anUnknownProductIs404AndReservesNothing() {
    Session buyer = register("unknown");
    JsonObject product = stocked(5, 1_000);
    for (String productId : new String[] {UUID.randomUUID().toString(), "not-a-product"}) {
      assertError(checkout(buyer, items(line(product, 1),
          new JsonObject().put("productId", productId).put("quantity", 1)), null), 404, "/orders");
    }
    assertThat(stockOf(product)).isEqualTo(5);
  }

  @Test
  void shortStockIs409NamingTheProductsAndReservesNothing() {
    Session buyer = register("short");
    JsonObject plenty = stocked(10, 1_000);
    JsonObject few = stocked(1, 1_000);
    JsonObject none = stocked(0, 1_000);
    JsonObject error = assertError(checkout(buyer, items(line(plenty, 4), line(few, 2), line(none, 1)), null), 409,
        "/orders");
    assertThat(detailFields(error)).containsExactlyInAnyOrder(id(few), id(none));
    assertThat(stockOf(plenty)).isEqualTo(10);
    assertThat(stockOf(few)).isEqualTo(1);
    assertThat(http.get("/orders", buyer.accessToken()).json().getLong("total")).isZero();
  }

  @Test
  void anOrderIsVisibleToItsOwnerAndAdministratorsOnly() {
    Session owner = register("owner");
    Session stranger = register("stranger");
    JsonObject order = order(owner, items(line(stocked(5, 1_000), 1)));
    String path = "/orders/" + order.getString("id");

    assertError(http.get(path, stranger.accessToken()), 404, path);
    assertThat(http.get(path, adminToken).json()).isEqualTo(order);
    assertError(http.get(path, null), 401, path);
    String unknown = "/orders/" + UUID.randomUUID();
    assertError(http.get(unknown, owner.accessToken()), 404, unknown);
    assertError(http.get("/orders/nope", owner.accessToken()), 404, "/orders/nope");
  }

  @Test
  void theListShowsTheCallersOwnOrdersNewestFirst() {
    Session buyer = register("lister");
    Session other = register("otherlister");
    JsonObject product = stocked(20, 1_000);
    JsonObject first = order(buyer, items(line(product, 1)));
    JsonObject second = order(buyer, items(line(product, 2)));
    JsonObject third = order(buyer, items(line(product, 3)));
    order(other, items(line(product, 1)));
    http.put("/orders/" + second.getString("id") + "/cancel", null, buyer.accessToken());

    JsonObject all = http.get("/orders", buyer.accessToken()).json();
    assertThat(all.fieldNames()).containsExactlyInAnyOrder("orders", "total", "page", "pageSize", "totalPages");
    assertThat(ids(all, "orders")).containsExactly(third.getString("id"), second.getString("id"),
        first.getString("id"));
    assertThat(all.getLong("total")).isEqualTo(3);

    JsonObject page = http.get("/orders?page=2&pageSize=2", buyer.accessToken()).json();
    assertThat(ids(page, "orders")).containsExactly(first.getString("id"));
    assertThat(page.getInteger("totalPages")).isEqualTo(2);

    JsonObject cancelled = http.get("/orders?status=CANCELLED", buyer.accessToken()).json();
    assertThat(ids(cancelled, "orders")).containsExactly(second.getString("id"));

    assertThat(detailFields(assertError(http.get("/orders?status=LOST", buyer.accessToken()), 400, "/orders")))
        .containsExactly("status");
    assertThat(detailFields(assertError(http.get("/orders?pageSize=0", buyer.accessToken()), 400, "/orders")))
        .containsExactly("pageSize");
  }

  @Test
  void administratorsMoveOrdersAlongTheLifecycle() {
    Session buyer = register("lifecycle");
    JsonObject order = order(buyer, items(line(stocked(5, 1_000), 1)));
    String path = "/orders/" + order.getString("id") + "/status";

    assertError(http.put(path, new JsonObject().put("status", "PAID"), buyer.accessToken()), 403, path);
    assertError(http.put(path, new JsonObject().put("status", "SHIPPED"), adminToken), 409, path);
    for (String status : new String[] {"PAID", "SHIPPED", "DELIVERED"}) {
      Http.Response moved = http.put(path, new JsonObject().put("status", status), adminToken);
      assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
      assertThat(moved.json().fieldNames()).containsExactlyInAnyOrder("id", "status", "updatedAt");
      assertThat(moved.json().getString("status")).isEqualTo(status);
    }
    for (String status : new String[] {"CANCELLED", "PENDING", "PAID", "DELIVERED"}) {
      assertError(http.put(path, new JsonObject().put("status", status), adminToken), 409, path);
    }
    assertThat(detailFields(assertError(http.put(path, new JsonObject().put("status", "LOST"), adminToken), 400,
        path))).containsExactly("status");
    assertThat(detailFields(assertError(http.put(path, new JsonObject(), adminToken), 400, path)))
        .containsExactly("status");
    assertThat(detailFields(assertError(http.put(path, new JsonObject().put("status", "PAID").put("x", 1),
        adminToken), 400, path))).containsExactly("x");
    String unknown = "/orders/" + UUID.randomUUID() + "/status";
    assertError(http.put(unknown, new JsonObject().put("status", "PAID"), adminToken), 404, unknown);
    assertThat(http.get("/orders/" + order.getString("id"), buyer.accessToken()).json().getString("status"))
        .isEqualTo("DELIVERED");
  }

  @Test
  void cancellingByStatusReturnsTheStock() {
    Session buyer = register("admincancel");
    JsonObject product = stocked(5, 1_000);
    JsonObject order = order(buyer, items(line(product, 4)));
    String path = "/orders/" + order.getString("id") + "/status";
    assertThat(http.put(path, new JsonObject().put("status", "PAID"), adminToken).status()).isEqualTo(200);
    assertThat(http.put(path, new JsonObject().put("status", "CANCELLED"), adminToken).status()).isEqualTo(200);
    assertThat(stockOf(product)).isEqualTo(5);
  }

  @Test
  void theOwnerCancelsOnceAndGetsTheStockBack() {
    Session buyer = register("canceller");
    Session stranger = register("notmine");
    JsonObject product = stocked(5, 1_000);
    JsonObject order = order(buyer, items(line(product, 3)));
    String path = "/orders/" + order.getString("id") + "/cancel";
    assertThat(stockOf(product)).isEqualTo(2);

    assertError(http.put(path, new JsonObject().put("reason", "x"), stranger.accessToken()), 404, path);
    assertThat(detailFields(assertError(http.put(path, new JsonObject().put("reason", "x".repeat(501)),
        buyer.accessToken()), 400, path))).containsExactly("reason");
    assertThat(detailFields(assertError(http.put(path, new JsonObject().put("why", "x"), buyer.accessToken()), 400,
        path))).containsExactly("why");

    Http.Response cancelled = http.put(path, new JsonObject().put("reason", "changed my mind"), buyer.accessToken());
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.json().fieldNames()).containsExactlyInAnyOrderElementsOf(ORDER_FIELDS);
    assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
    assertThat(stockOf(product)).isEqualTo(5);

    assertError(http.put(path, null, buyer.accessToken()), 409, path);
    assertError(http.put(path, null, adminToken), 409, path);
    assertThat(stockOf(product)).isEqualTo(5);
  }

  @Test
  void administratorsCancelPaidOrdersButNotShippedOnes() {
    Session buyer = register("paidcancel");
    JsonObject product = stocked(5, 1_000);
    JsonObject paid = order(buyer, items(line(product, 1)));
    JsonObject shipped = order(buyer, items(line(product, 1)));
    http.put("/orders/" + paid.getString("id") + "/status", new JsonObject().put("status", "PAID"), adminToken);
    for (String status : new String[] {"PAID", "SHIPPED"}) {
      http.put("/orders/" + shipped.getString("id") + "/status", new JsonObject().put("status", status), adminToken);
    }

    Http.Response cancelled = http.put("/orders/" + paid.getString("id") + "/cancel", null, adminToken);
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    String shippedPath = "/orders/" + shipped.getString("id") + "/cancel";
    assertError(http.put(shippedPath, null, buyer.accessToken()), 409, shippedPath);
    assertThat(stockOf(product)).isEqualTo(4);
  }

  @Test
  void anIdempotencyKeyRepeatsTheOriginalOrder() {
    Session buyer = register("idem");
    Session other = register("idemother");
    JsonObject product = stocked(10, 1_000);
    String key = UUID.randomUUID().toString();

    Http.Response first = checkout(buyer, items(line(product, 2)), key);
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    Http.Response again = checkout(buyer, items(line(product, 2).put("priceInt", 5)), key);
    assertThat(again.status()).as(again.toString()).isEqualTo(201);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(stockOf(product)).isEqualTo(8);

    assertError(checkout(buyer, items(line(product, 3)), key), 409, "/orders");
    Http.Response othersKey = checkout(other, items(line(product, 2)), key);
    assertThat(othersKey.status()).isEqualTo(201);
    assertThat(othersKey.json().getString("id")).isNotEqualTo(first.json().getString("id"));
    assertThat(stockOf(product)).isEqualTo(6);
  }

  @Test
  void aKeyWhoseCheckoutFailedMayBeRetried() {
    Session buyer = register("idemretry");
    JsonObject product = stocked(1, 1_000);
    String key = UUID.randomUUID().toString();
    assertError(checkout(buyer, items(line(product, 2)), key), 409, "/orders");
    http.post("/products/" + id(product) + "/stock", new JsonObject().put("delta", 1), adminToken);
    Http.Response retried = checkout(buyer, items(line(product, 2)), key);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    assertThat(stockOf(product)).isZero();
    assertThat(detailFields(assertError(checkout(buyer, items(line(product, 1)), "x".repeat(256)), 400, "/orders")))
        .containsExactly("Idempotency-Key");
  }
}
