package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.auth.Role;
import dev.shop.common.bus.Caller;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract's "Cart" (openapi.json): session and user carts, their lines, transfer, and what the order service calls. */
abstract class CartApiContract extends CatalogueApiTest {

  static final List<String> CART_FIELDS = List.of("id", "userId", "sessionId", "items", "totalItems", "subtotalInt",
      "createdAt", "updatedAt");
  static final List<String> ITEM_FIELDS = List.of("id", "cartId", "productId", "quantity", "priceInt", "createdAt",
      "product");
  static final List<String> ITEM_PRODUCT_FIELDS = List.of("id", "sku", "name", "slug", "priceInt", "stock",
      "imageUrls");

  private static String newSession() {
    return "session-" + UUID.randomUUID();
  }

  private String productWithStock(int stock) {
    return id(createProduct(new JsonObject().put("stock", stock)));
  }

  private Http.Response add(String sessionId, String token, String productId, Integer quantity) {
    JsonObject body = new JsonObject().put("productId", productId);
    if (sessionId != null) {
      body.put("sessionId", sessionId);
    }
    if (quantity != null) {
      body.put("quantity", quantity);
    }
    return http.post("/cart/items", body, token);
  }

  private JsonObject added(String sessionId, String token, String productId, Integer quantity) {
    Http.Response response = add(sessionId, token, productId, quantity);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private JsonObject cart(String sessionId, String token) {
    Http.Response response = http.get(sessionId == null ? "/cart" : "/cart?sessionId=" + sessionId, token);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static JsonObject line(JsonObject cart, String productId) {
    return cart.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> item.getString("productId").equals(productId)).findFirst().orElse(null);
  }

  private static int quantity(JsonObject cart, String productId) {
    JsonObject line = line(cart, productId);
    return line == null ? 0 : line.getInteger("quantity");
  }

  private static String itemId(JsonObject cart, String productId) {
    return line(cart, productId).getString("id");
  }

  // ---- reading ----

  @Test
  void aCartNeverCreatedIsEmptyWithEveryField() {
    String session = newSession();
    JsonObject anonymous = cart(session, null);
    assertThat(anonymous.fieldNames()).containsExactlyInAnyOrderElementsOf(CART_FIELDS);
    assertThat(anonymous.getValue("id")).isNull();
    assertThat(anonymous.getString("sessionId")).isEqualTo(session);
    assertThat(anonymous.getValue("userId")).isNull();
    assertThat(anonymous.getJsonArray("items")).isEmpty();
    assertThat(anonymous.getLong("totalItems")).isZero();
    assertThat(anonymous.getLong("subtotalInt")).isZero();
    assertThat(anonymous.getValue("createdAt")).isNull();

    Session user = register("cart-empty");
    JsonObject own = cart(session, user.accessToken());
    assertThat(own.fieldNames()).containsExactlyInAnyOrderElementsOf(CART_FIELDS);
    assertThat(own.getString("userId")).isEqualTo(user.userId());
    assertThat(own.getValue("sessionId")).isNull();
    assertThat(own.getJsonArray("items")).isEmpty();
  }

  @Test
  void addingShowsTheLineWithTodaysProductAndAddingAgainSumsTheLine() {
    String session = newSession();
    JsonObject product = createProduct(new JsonObject().put("stock", 10).put("priceInt", 25_000)
        .put("imageUrls", new JsonArray().add("https://img.example/a.png")));
    JsonObject cart = added(session, null, id(product), 2);

    assertThat(cart.fieldNames()).containsExactlyInAnyOrderElementsOf(CART_FIELDS);
    assertThat(cart.getString("id")).isNotNull();
    assertThat(cart.getString("sessionId")).isEqualTo(session);
    assertThat(cart.getValue("userId")).isNull();
    assertThat(cart.getString("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    JsonObject item = cart.getJsonArray("items").getJsonObject(0);
    assertThat(item.fieldNames()).containsExactlyInAnyOrderElementsOf(ITEM_FIELDS);
    assertThat(item.getString("cartId")).isEqualTo(cart.getString("id"));
    assertThat(item.getString("productId")).isEqualTo(id(product));
    assertThat(item.getInteger("quantity")).isEqualTo(2);
    assertThat(item.getLong("priceInt")).isEqualTo(25_000);
    JsonObject shown = item.getJsonObject("product");
    assertThat(shown.fieldNames()).containsExactlyInAnyOrderElementsOf(ITEM_PRODUCT_FIELDS);
    assertThat(shown.getString("sku")).isEqualTo(product.getString("sku"));
    assertThat(shown.getString("slug")).isEqualTo(product.getString("slug"));
    assertThat(shown.getInteger("stock")).isEqualTo(10);
    assertThat(shown.getJsonArray("imageUrls")).containsExactly("https://img.example/a.png");
    assertThat(cart.getLong("totalItems")).isEqualTo(2);
    assertThat(cart.getLong("subtotalInt")).isEqualTo(50_000);

    JsonObject again = added(session, null, id(product), null);
    assertThat(again.getJsonArray("items")).hasSize(1);
    assertThat(quantity(again, id(product))).isEqualTo(3);
    assertThat(again.getString("id")).isEqualTo(cart.getString("id"));
    assertThat(cart(session, null)).isEqualTo(again);
  }

  // ---- who owns the cart ----

  @Test
  void neitherTokenNorSessionIdIs400AndAnInvalidTokenIs401() {
    String product = productWithStock(5);
    assertThat(detailFields(assertError(http.get("/cart", null), 400, "/cart"))).containsExactly("sessionId");
    assertThat(detailFields(assertError(add(null, null, product, 1), 400, "/cart/items")))
        .containsExactly("sessionId");
    assertError(http.delete("/cart", null), 400, "/cart");
    String item = "/cart/items/" + UUID.randomUUID();
    assertThat(detailFields(assertError(http.put(item, new JsonObject().put("quantity", 1), null), 400, item)))
        .containsExactly("sessionId");
    assertError(http.delete(item, null), 400, item);
    assertError(http.send("DELETE", "/cart/items", new JsonObject().put("itemId", UUID.randomUUID().toString()), null,
        java.util.Map.of()), 400, "/cart/items");
  }

  @Test
  void anInvalidTokenIs401EvenWithASessionId() {
    String session = newSession();
    assertError(http.get("/cart?sessionId=" + session, "not.a.token"), 401, "/cart");
    assertError(add(session, "not.a.token", productWithStock(5), 1), 401, "/cart/items");
    assertError(http.send("GET", "/cart?sessionId=" + session, null, null,
        java.util.Map.of("Authorization", "Basic abc")), 401, "/cart");
  }

  @Test
  void aSessionIdHas8To128Characters() {
    String product = productWithStock(5);
    for (Object bad : new Object[] {"1234567", "x".repeat(129), 12345678, true}) {
      Http.Response response = http.post("/cart/items",
          new JsonObject().put("sessionId", bad).put("productId", product), null);
      assertThat(detailFields(assertError(response, 400, "/cart/items"))).as(String.valueOf(bad))
          .containsExactly("sessionId");
    }
    assertThat(detailFields(assertError(http.get("/cart?sessionId=1234567", null), 400, "/cart")))
        .containsExactly("sessionId");
    added("12345678", null, product, 1);
    added("y".repeat(128), null, product, 1);
  }

  @Test
  void aTokenMakesTheCartTheUsersAndTheSessionIdIsIgnored() {
    Session user = register("cart-owner");
    String session = newSession();
    String product = productWithStock(5);
    JsonObject own = added(session, user.accessToken(), product, 1);
    assertThat(own.getString("userId")).isEqualTo(user.userId());
    assertThat(own.getValue("sessionId")).isNull();
    assertThat(cart(session, null).getJsonArray("items")).isEmpty();
    assertThat(cart(null, user.accessToken())).isEqualTo(own);
  }

  @Test
  void anotherSessionsOrUsersItemIsNotFound() {
    String product = productWithStock(5);
    String mine = newSession();
    String item = itemId(added(mine, null, product, 1), product);
    String other = newSession();
    added(other, null, product, 1);
    Session stranger = register("cart-stranger");

    String path = "/cart/items/" + item;
    assertError(http.put(path, new JsonObject().put("sessionId", other).put("quantity", 2), null), 404, path);
    assertError(http.put(path, new JsonObject().put("quantity", 2), stranger.accessToken()), 404, path);
    assertError(http.delete(path + "?sessionId=" + other, null), 404, path);
    assertError(http.send("DELETE", "/cart/items", new JsonObject().put("itemId", item), stranger.accessToken(),
        java.util.Map.of()), 404, "/cart/items");
    assertThat(quantity(cart(mine, null), product)).isEqualTo(1);

    Session owner = register("cart-user-owner");
    String userItem = itemId(added(null, owner.accessToken(), product, 1), product);
    assertError(http.delete("/cart/items/" + userItem + "?sessionId=" + mine, null), 404, "/cart/items/" + userItem);
    assertError(http.delete("/cart/items/" + userItem, stranger.accessToken()), 404, "/cart/items/" + userItem);
    assertThat(quantity(cart(null, owner.accessToken()), product)).isEqualTo(1);
  }

  // ---- adding ----

  @Test
  void addingValidatesItsBody() {
    String session = newSession();
    String product = productWithStock(5);
    assertThat(detailFields(assertError(http.post("/cart/items", new JsonObject().put("sessionId", session)
        .put("productId", product).put("priceInt", 1), null), 400, "/cart/items"))).containsExactly("priceInt");
    assertThat(detailFields(assertError(http.post("/cart/items", new JsonObject().put("sessionId", session), null),
        400, "/cart/items"))).containsExactly("productId");
    assertThat(detailFields(assertError(http.post("/cart/items", new JsonObject().put("sessionId", session)
        .put("productId", 42), null), 400, "/cart/items"))).containsExactly("productId");
    for (Object quantity : new Object[] {0, -1, 1000, 1.5, "2", false}) {
      Http.Response response = http.post("/cart/items", new JsonObject().put("sessionId", session)
          .put("productId", product).put("quantity", quantity), null);
      assertThat(detailFields(assertError(response, 400, "/cart/items"))).as(String.valueOf(quantity))
          .containsExactly("quantity");
    }
    assertError(http.post("/cart/items", "[1]", null), 400, "/cart/items");
    assertError(http.post("/cart/items", "{nope", null), 400, "/cart/items");
    assertThat(cart(session, null).getValue("id")).isNull();
  }

  @Test
  void anUnknownProductIs404() {
    String session = newSession();
    assertError(add(session, null, UUID.randomUUID().toString(), 1), 404, "/cart/items");
    assertError(add(session, null, "not-an-id", 1), 404, "/cart/items");
  }

  @Test
  void moreThanTheStockIs409AlsoWhenAddingToALine() {
    String session = newSession();
    String product = productWithStock(3);
    assertError(add(session, null, product, 4), 409, "/cart/items");
    added(session, null, product, 2);
    assertError(add(session, null, product, 2), 409, "/cart/items");
    assertThat(quantity(cart(session, null), product)).isEqualTo(2);
    added(session, null, product, 1);
    assertError(add(session, null, productWithStock(0), 1), 409, "/cart/items");
  }

  // ---- changing and removing lines ----

  @Test
  void updatingSetsTheQuantityChecksTheStockAndZeroRemoves() {
    String session = newSession();
    String product = productWithStock(4);
    String other = productWithStock(4);
    added(session, null, other, 1);
    String item = itemId(added(session, null, product, 1), product);
    String path = "/cart/items/" + item;

    Http.Response updated = http.put(path, new JsonObject().put("sessionId", session).put("quantity", 4), null);
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(quantity(updated.json(), product)).isEqualTo(4);
    assertThat(updated.json().getLong("totalItems")).isEqualTo(5);

    assertError(http.put(path, new JsonObject().put("sessionId", session).put("quantity", 5), null), 409, path);
    for (Object bad : new Object[] {-1, 1000, "3", 2.5}) {
      assertThat(detailFields(assertError(http.put(path, new JsonObject().put("sessionId", session)
          .put("quantity", bad), null), 400, path))).as(String.valueOf(bad)).containsExactly("quantity");
    }
    assertThat(detailFields(assertError(http.put(path, new JsonObject().put("sessionId", session), null), 400,
        path))).containsExactly("quantity");
    assertThat(detailFields(assertError(http.put(path, new JsonObject().put("sessionId", session).put("quantity", 1)
        .put("productId", product), null), 400, path))).containsExactly("productId");

    Http.Response removed = http.put(path, new JsonObject().put("sessionId", session).put("quantity", 0), null);
    assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
    assertThat(line(removed.json(), product)).isNull();
    assertThat(removed.json().getJsonArray("items")).hasSize(1);
    assertError(http.put(path, new JsonObject().put("sessionId", session).put("quantity", 1), null), 404, path);
    assertError(http.put("/cart/items/nope", new JsonObject().put("sessionId", session).put("quantity", 1), null),
        404, "/cart/items/nope");
  }

  @Test
  void bothDeleteFormsRemoveALineAndAnswerTheCart() {
    String session = newSession();
    String first = productWithStock(5);
    String second = productWithStock(5);
    added(session, null, first, 1);
    JsonObject cart = added(session, null, second, 2);

    String path = "/cart/items/" + itemId(cart, first);
    Http.Response byPath = http.delete(path + "?sessionId=" + session, null);
    assertThat(byPath.status()).as(byPath.toString()).isEqualTo(200);
    assertThat(line(byPath.json(), first)).isNull();
    assertThat(byPath.json().getLong("totalItems")).isEqualTo(2);
    assertError(http.delete(path + "?sessionId=" + session, null), 404, path);
    assertError(http.delete(path, null), 400, path);

    JsonObject body = new JsonObject().put("sessionId", session).put("itemId", itemId(cart, second));
    Http.Response byBody = http.send("DELETE", "/cart/items", body, null, java.util.Map.of());
    assertThat(byBody.status()).as(byBody.toString()).isEqualTo(200);
    assertThat(byBody.json().getJsonArray("items")).isEmpty();
    assertThat(byBody.json().getLong("subtotalInt")).isZero();
    assertError(http.send("DELETE", "/cart/items", body, null, java.util.Map.of()), 404, "/cart/items");
    assertThat(detailFields(assertError(http.send("DELETE", "/cart/items", new JsonObject().put("sessionId", session),
        null, java.util.Map.of()), 400, "/cart/items"))).containsExactly("itemId");
    assertThat(detailFields(assertError(http.send("DELETE", "/cart/items", body.copy().put("extra", 1), null,
        java.util.Map.of()), 400, "/cart/items"))).containsExactly("extra");
  }

  @Test
  void clearingEmptiesTheCart() {
    String session = newSession();
    JsonObject cart = added(session, null, productWithStock(5), 3);
    Http.Response cleared = http.delete("/cart?sessionId=" + session, null);
    assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
    assertThat(cleared.json()).isEqualTo(new JsonObject().put("success", true));
    JsonObject after = cart(session, null);
    assertThat(after.getJsonArray("items")).isEmpty();
    assertThat(after.getLong("totalItems")).isZero();
    assertThat(after.getString("id")).isEqualTo(cart.getString("id"));
    assertThat(http.delete("/cart?sessionId=" + newSession(), null).json().getBoolean("success")).isTrue();
    assertThat(http.delete("/cart", register("cart-clear").accessToken()).status()).isEqualTo(200);
  }

  // ---- prices and products changing ----

  @Test
  void aLineKeepsItsPriceWhileTheProductShowsTodaysPrice() {
    String session = newSession();
    String product = productWithStock(10);
    added(session, null, product, 2);
    Http.Response repriced = http.put("/products/" + product, new JsonObject().put("priceInt", 150_000), adminToken);
    assertThat(repriced.status()).as(repriced.toString()).isEqualTo(200);

    JsonObject cart = added(session, null, product, 1);
    JsonObject line = line(cart, product);
    assertThat(line.getLong("priceInt")).isEqualTo(100_000);
    assertThat(line.getJsonObject("product").getLong("priceInt")).isEqualTo(150_000);
    assertThat(cart.getLong("subtotalInt")).isEqualTo(300_000);

    String fresh = newSession();
    assertThat(line(added(fresh, null, product, 1), product).getLong("priceInt")).isEqualTo(150_000);
  }

  @Test
  void aDeletedProductDropsOutOfTheCart() {
    String session = newSession();
    String kept = productWithStock(5);
    String deleted = productWithStock(5);
    added(session, null, kept, 1);
    added(session, null, deleted, 2);
    assertThat(http.delete("/products/" + deleted, adminToken).status()).isEqualTo(200);

    JsonObject cart = cart(session, null);
    assertThat(cart.getJsonArray("items")).hasSize(1);
    assertThat(line(cart, kept)).isNotNull();
    assertThat(cart.getLong("totalItems")).isEqualTo(1);
    assertThat(cart.getLong("subtotalInt")).isEqualTo(100_000);
    assertThat(cart(session, null)).isEqualTo(cart);
  }

  // ---- transfer ----

  @Test
  void transferMergesTheSessionCartIntoTheUsersAndEmptiesIt() {
    Session user = register("cart-transfer");
    String session = newSession();
    String both = id(createProduct(new JsonObject().put("stock", 2000)));
    String sessionOnly = productWithStock(5);
    String userOnly = productWithStock(5);
    String capped = id(createProduct(new JsonObject().put("stock", 2000)));
    added(null, user.accessToken(), both, 1);
    added(null, user.accessToken(), userOnly, 1);
    JsonObject userCart = added(null, user.accessToken(), capped, 5);
    added(session, null, both, 2);
    added(session, null, sessionOnly, 3);
    added(session, null, capped, 999);

    Http.Response transfer = http.post("/cart/transfer", new JsonObject().put("sessionId", session),
        user.accessToken());
    assertThat(transfer.status()).as(transfer.toString()).isEqualTo(200);
    assertThat(transfer.json()).isEqualTo(new JsonObject().put("success", true)
        .put("cartId", userCart.getString("id")).put("itemsTransferred", 3));

    JsonObject merged = cart(null, user.accessToken());
    assertThat(merged.getJsonArray("items")).hasSize(4);
    assertThat(quantity(merged, both)).isEqualTo(3);
    assertThat(quantity(merged, sessionOnly)).isEqualTo(3);
    assertThat(quantity(merged, userOnly)).isEqualTo(1);
    assertThat(quantity(merged, capped)).isEqualTo(999);
    assertThat(merged.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("cartId")).distinct())
        .containsExactly(userCart.getString("id"));
    assertThat(cart(session, null).getJsonArray("items")).isEmpty();

    Http.Response again = http.post("/cart/transfer", new JsonObject().put("sessionId", session), user.accessToken());
    assertThat(again.json()).isEqualTo(new JsonObject().put("success", true)
        .put("cartId", userCart.getString("id")).put("itemsTransferred", 0));
  }

  @Test
  void transferNeedsAUserAndASessionId() {
    Session user = register("cart-transfer-rules");
    assertError(http.post("/cart/transfer", new JsonObject().put("sessionId", newSession()), null), 401,
        "/cart/transfer");
    assertThat(detailFields(assertError(http.post("/cart/transfer", new JsonObject(), user.accessToken()), 400,
        "/cart/transfer"))).containsExactly("sessionId");
    assertThat(detailFields(assertError(http.post("/cart/transfer", new JsonObject().put("sessionId", "short"),
        user.accessToken()), 400, "/cart/transfer"))).containsExactly("sessionId");

    Http.Response nothing = http.post("/cart/transfer", new JsonObject().put("sessionId", newSession()),
        user.accessToken());
    assertThat(nothing.status()).as(nothing.toString()).isEqualTo(200);
    assertThat(nothing.json().getInteger("itemsTransferred")).isZero();
    assertThat(nothing.json().getString("cartId")).isEqualTo(cart(null, user.accessToken()).getString("id"));
  }

  // ---- concurrency ----

  @Test
  void concurrentAddsOfOneProductEndAsOneLineWithTheSum() throws Exception {
    String session = newSession();
    String product = productWithStock(100);
    List<Http.Response> answers = inParallel(20, i -> add(session, null, product, 1));

    assertThat(answers).allSatisfy(response -> assertThat(response.status()).as(response.toString()).isEqualTo(200));
    assertThat(answers.stream().map(response -> response.json().getString("id")).distinct()).hasSize(1);
    JsonObject cart = cart(session, null);
    assertThat(cart.getJsonArray("items")).hasSize(1);
    assertThat(quantity(cart, product)).isEqualTo(20);
  }

  @Test
  void concurrentFirstAddsOfASessionMakeOneCart() throws Exception {
    String session = newSession();
    List<String> products = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      products.add(productWithStock(5));
    }
    List<Http.Response> answers = inParallel(products.size(), i -> add(session, null, products.get(i), 1));

    assertThat(answers).allSatisfy(response -> assertThat(response.status()).as(response.toString()).isEqualTo(200));
    assertThat(answers.stream().map(response -> response.json().getString("id")).distinct()).hasSize(1);
    assertThat(cart(session, null).getJsonArray("items")).hasSize(products.size());
  }

  @Test
  void concurrentAddsNeverPutMoreThanTheStockInALine() throws Exception {
    String session = newSession();
    String product = productWithStock(7);
    List<Http.Response> answers = inParallel(12, i -> add(session, null, product, 1));

    assertThat(answers.stream().filter(response -> response.status() == 200)).hasSize(7);
    assertThat(answers.stream().filter(response -> response.status() == 409)).hasSize(5);
    assertThat(quantity(cart(session, null), product)).isEqualTo(7);
  }

  // ---- the order service's subjects ----

  @Test
  void removeOrderedTakesTheOrderedQuantitiesOutOfTheCallersCart() {
    Session user = register("cart-ordered");
    String partly = productWithStock(10);
    String fully = productWithStock(10);
    String untouched = productWithStock(10);
    added(null, user.accessToken(), partly, 3);
    added(null, user.accessToken(), fully, 2);
    added(null, user.accessToken(), untouched, 1);
    RequestMeta caller = RequestMeta.of(Caller.user(user.userId(), Role.CUSTOMER), "cart-ordered-test");
    var bus = RunningPlatform.shared(bus()).bus();

    JsonObject read = Await.result(bus.request("cart.get", new JsonObject(), caller)).bodyAsObject();
    assertThat(read).isEqualTo(cart(null, user.accessToken()));

    JsonArray ordered = new JsonArray()
        .add(new JsonObject().put("productId", partly).put("quantity", 1))
        .add(new JsonObject().put("productId", partly).put("quantity", 1))
        .add(new JsonObject().put("productId", fully).put("quantity", 5))
        .add(new JsonObject().put("productId", UUID.randomUUID().toString()).put("quantity", 4))
        .add(new JsonObject().put("productId", "not-an-id").put("quantity", 1));
    JsonObject after = Await.result(bus.request("cart.removeOrdered", new JsonObject().put("items", ordered), caller))
        .bodyAsObject();
    assertThat(quantity(after, partly)).isEqualTo(1);
    assertThat(line(after, fully)).isNull();
    assertThat(quantity(after, untouched)).isEqualTo(1);
    assertThat(after.getLong("totalItems")).isEqualTo(2);
    assertThat(cart(null, user.accessToken())).isEqualTo(after);

    Session nobody = register("cart-ordered-none");
    JsonObject empty = Await.result(bus.request("cart.removeOrdered", new JsonObject().put("items", ordered),
        RequestMeta.of(Caller.user(nobody.userId(), Role.CUSTOMER), "t"))).bodyAsObject();
    assertThat(empty.getJsonArray("items")).isEmpty();
  }

  @Test
  void removeOrderedNeedsAUserAndValidItems() {
    var bus = RunningPlatform.shared(bus()).bus();
    ShopException anonymous = (ShopException) Await.failure(bus.request("cart.removeOrdered",
        new JsonObject().put("items", new JsonArray()), RequestMeta.internal("t")));
    assertThat(anonymous.status()).isEqualTo(401);

    RequestMeta caller = RequestMeta.of(Caller.user(register("cart-ordered-bad").userId(), Role.CUSTOMER), "t");
    ShopException missing = (ShopException) Await.failure(bus.request("cart.removeOrdered", new JsonObject(), caller));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.details()).extracting("field").containsExactly("items");
    JsonArray bad = new JsonArray().add(new JsonObject().put("productId", UUID.randomUUID().toString()).put("quantity", 0))
        .add("x").add(new JsonObject().put("quantity", 1).put("priceInt", 5));
    ShopException invalid = (ShopException) Await.failure(bus.request("cart.removeOrdered",
        new JsonObject().put("items", bad), caller));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.details()).extracting("field")
        .containsExactlyInAnyOrder("items[0].quantity", "items[1]", "items[2].priceInt", "items[2].productId");
  }
}
