package dev.shop.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.cart.CartLine;
import dev.shop.contract.cart.CartSubjects;
import dev.shop.contract.cart.RemoveOrderedRequest;
import dev.shop.contract.product.ProductSubjects;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cart service alone, its catalogue a {@link StubCatalogue}: the cart subjects as a caller sees them. */
class CartAloneTest {

  private static ServiceUnderTest cart;
  private StubCatalogue catalogue;

  @BeforeAll
  static void start() {
    cart = ServiceUnderTest.start(CartVerticle.SERVICE, CartVerticle.FACTORY);
  }

  @AfterAll
  static void stop() {
    cart.close();
  }

  @BeforeEach
  void freshCatalogue() {
    catalogue = new StubCatalogue(cart);
  }

  private static String newSession() {
    return "session-" + UUID.randomUUID();
  }

  private static JsonObject add(String session, RequestMeta caller, String product, Integer quantity) {
    return cart.call(CartSubjects.ADD_ITEM, addBody(session, product, quantity), caller).bodyAsObject();
  }

  private static JsonObject addBody(String session, String product, Integer quantity) {
    return new JsonObject().put("sessionId", session).put("productId", product).put("quantity", quantity);
  }

  private static JsonObject read(String session, RequestMeta caller) {
    return cart.call(CartSubjects.GET, new JsonObject().put("sessionId", session), caller).bodyAsObject();
  }

  private static JsonObject line(JsonObject cartResponse, String product) {
    return cartResponse.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> product.equals(item.getString("productId"))).findFirst().orElse(null);
  }

  private static long linesInDatabase(String column, Object owner) {
    return cart.number("SELECT count(*) FROM cart_items WHERE cart_id = (SELECT id FROM carts WHERE " + column
        + " = $1)", owner);
  }

  @Test
  void aSessionCartIsAddedToChangedAndEmptied() {
    String session = newSession();
    String phone = catalogue.product(10, 150_000);
    String cable = catalogue.product(10, 20_000);
    RequestMeta anonymous = ServiceUnderTest.anonymous();

    JsonObject empty = read(session, anonymous);
    assertThat(empty.getValue("id")).as("no cart yet").isNull();
    assertThat(empty.getJsonArray("items")).isEmpty();

    add(session, anonymous, phone, 2);
    JsonObject added = add(session, anonymous, phone, null);
    assertThat(line(added, phone).getInteger("quantity")).as("a second add, 1 by default, adds to the line").isEqualTo(3);
    added = add(session, anonymous, cable, 1);
    assertThat(added.getLong("totalItems")).isEqualTo(4);
    assertThat(added.getLong("subtotalInt")).isEqualTo(3 * 150_000L + 20_000L);
    assertThat(added.getString("sessionId")).isEqualTo(session);

    String phoneLine = line(added, phone).getString("id");
    JsonObject updated = cart.call(CartSubjects.UPDATE_ITEM, new JsonObject().put("id", phoneLine)
        .put("changes", new JsonObject().put("sessionId", session).put("quantity", 5)), anonymous).bodyAsObject();
    assertThat(line(updated, phone).getInteger("quantity")).isEqualTo(5);

    JsonObject removed = cart.call(CartSubjects.REMOVE_ITEM, new JsonObject().put("itemId", phoneLine)
        .put("sessionId", session), anonymous).bodyAsObject();
    assertThat(line(removed, phone)).isNull();
    assertThat(linesInDatabase("session_id", session)).isEqualTo(1);

    JsonObject cleared = cart.call(CartSubjects.CLEAR, new JsonObject().put("sessionId", session), anonymous).bodyAsObject();
    assertThat(cleared).isEqualTo(new JsonObject().put("success", true));
    assertThat(linesInDatabase("session_id", session)).isZero();
    assertThat(read(session, anonymous).getString("id")).as("the cart and its id remain").isEqualTo(added.getString("id"));
  }

  @Test
  void aUsersCartIsNotTheSessionsAndTakesItOver() {
    UUID user = UUID.randomUUID();
    String session = newSession();
    String phone = catalogue.product(10, 150_000);
    String cable = catalogue.product(10, 20_000);
    RequestMeta customer = ServiceUnderTest.customer(user);

    add(session, ServiceUnderTest.anonymous(), phone, 2);
    add(session, ServiceUnderTest.anonymous(), cable, 1);
    JsonObject usersOwn = add(session, customer, phone, 1);
    assertThat(usersOwn.getString("userId")).as("a caller's sessionId is ignored").isEqualTo(user.toString());
    assertThat(usersOwn.getValue("sessionId")).isNull();
    assertThat(usersOwn.getLong("totalItems")).isEqualTo(1);
    assertThat(read(session, ServiceUnderTest.anonymous()).getLong("totalItems")).isEqualTo(3);

    JsonObject transfer = cart.call(CartSubjects.TRANSFER_TO_USER, new JsonObject().put("sessionId", session), customer)
        .bodyAsObject();
    assertThat(transfer.getInteger("itemsTransferred")).isEqualTo(2);
    assertThat(transfer.getString("cartId")).isEqualTo(usersOwn.getString("id"));
    JsonObject merged = read(null, customer);
    assertThat(line(merged, phone).getInteger("quantity")).isEqualTo(3);
    assertThat(line(merged, cable).getInteger("quantity")).isEqualTo(1);
    assertThat(cart.number("SELECT count(*) FROM carts WHERE session_id = $1", session)).as("session cart gone").isZero();

    ShopException anonymousTransfer = cart.refusal(CartSubjects.TRANSFER_TO_USER, new JsonObject().put("sessionId", session),
        ServiceUnderTest.anonymous());
    assertThat(anonymousTransfer.status()).isEqualTo(401);
    ShopException noOwner = cart.refusal(CartSubjects.GET, new JsonObject(), ServiceUnderTest.anonymous());
    assertThat(noOwner.status()).isEqualTo(400);
    assertThat(noOwner.details()).extracting(FieldError::field).containsExactly("sessionId");
  }

  @Test
  void anotherOwnersLineIsNotFound() {
    String product = catalogue.product(10, 1_000);
    String mine = newSession();
    String line = line(add(mine, ServiceUnderTest.anonymous(), product, 1), product).getString("id");

    ShopException removed = cart.refusal(CartSubjects.REMOVE_ITEM, new JsonObject().put("itemId", line)
        .put("sessionId", newSession()), ServiceUnderTest.anonymous());
    assertThat(removed.status()).isEqualTo(404);
    ShopException updated = cart.refusal(CartSubjects.UPDATE_ITEM, new JsonObject().put("id", line)
        .put("changes", new JsonObject().put("quantity", 2)), ServiceUnderTest.customer(UUID.randomUUID()));
    assertThat(updated.status()).isEqualTo(404);
    assertThat(linesInDatabase("session_id", mine)).isEqualTo(1);
  }

  @Test
  void quantitiesStayWithinOneTo999AndTheStock() {
    String session = newSession();
    RequestMeta anonymous = ServiceUnderTest.anonymous();
    String scarce = catalogue.product(3, 1_000);
    String plenty = catalogue.product(5_000, 1_000);

    ShopException zero = cart.refusal(CartSubjects.ADD_ITEM, addBody(session, scarce, 0), anonymous);
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.details()).extracting(FieldError::field).containsExactly("quantity");
    ShopException thousand = cart.refusal(CartSubjects.ADD_ITEM, addBody(session, plenty, 1000), anonymous);
    assertThat(thousand.status()).isEqualTo(400);

    ShopException overStock = cart.refusal(CartSubjects.ADD_ITEM, addBody(session, scarce, 4), anonymous);
    assertThat(overStock.status()).isEqualTo(409);
    assertThat(overStock.getMessage()).isEqualTo("Insufficient stock: 3 available");
    add(session, anonymous, scarce, 2);
    ShopException lineOverStock = cart.refusal(CartSubjects.ADD_ITEM, addBody(session, scarce, 2), anonymous);
    assertThat(lineOverStock.status()).as("the line's resulting quantity counts").isEqualTo(409);

    add(session, anonymous, plenty, 999);
    ShopException over999 = cart.refusal(CartSubjects.ADD_ITEM, addBody(session, plenty, 1), anonymous);
    assertThat(over999.status()).isEqualTo(409);
    assertThat(over999.getMessage()).isEqualTo("A cart line holds at most 999");

    String scarceLine = line(read(session, anonymous), scarce).getString("id");
    ShopException updateOverStock = cart.refusal(CartSubjects.UPDATE_ITEM, new JsonObject().put("id", scarceLine)
        .put("changes", new JsonObject().put("sessionId", session).put("quantity", 4)), anonymous);
    assertThat(updateOverStock.status()).isEqualTo(409);
    JsonObject zeroRemoves = cart.call(CartSubjects.UPDATE_ITEM, new JsonObject().put("id", scarceLine)
        .put("changes", new JsonObject().put("sessionId", session).put("quantity", 0)), anonymous).bodyAsObject();
    assertThat(line(zeroRemoves, scarce)).isNull();
    assertThat(cart.number("SELECT sum(quantity) FROM cart_items WHERE cart_id = (SELECT id FROM carts "
        + "WHERE session_id = $1)", session)).isEqualTo(999);
  }

  @Test
  void aProductTheCatalogueDoesNotKnowIsNotAdded() {
    String session = newSession();
    ShopException unknown = cart.refusal(CartSubjects.ADD_ITEM, addBody(session, UUID.randomUUID().toString(), 1),
        ServiceUnderTest.anonymous());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.getMessage()).isEqualTo("Product not found");
    ShopException malformed = cart.refusal(CartSubjects.ADD_ITEM, addBody(session, "not-an-id", 1),
        ServiceUnderTest.anonymous());
    assertThat(malformed.status()).isEqualTo(404);
    assertThat(cart.number("SELECT count(*) FROM carts WHERE session_id = $1", session)).isZero();
  }

  @Test
  void aProductDeletedFromTheCatalogueDropsOutOfTheCart() {
    String session = newSession();
    String kept = catalogue.product(10, 1_000);
    String deleted = catalogue.product(10, 1_000);
    add(session, ServiceUnderTest.anonymous(), kept, 1);
    add(session, ServiceUnderTest.anonymous(), deleted, 1);
    catalogue.delete(deleted);

    JsonObject shown = read(session, ServiceUnderTest.anonymous());
    assertThat(shown.getJsonArray("items")).hasSize(1);
    assertThat(line(shown, kept)).isNotNull();
    assertThat(linesInDatabase("session_id", session)).isEqualTo(1);
  }

  @Test
  void theCatalogueDownIsAnErrorNotAnEmptyCart() {
    String session = newSession();
    String product = catalogue.product(10, 1_000);
    add(session, ServiceUnderTest.anonymous(), product, 1);
    cart.stub(ProductSubjects.PRODUCT_GET_BY_IDS).fails(503, "Service unavailable: product.getByIds");

    ShopException down = cart.refusal(CartSubjects.GET, new JsonObject().put("sessionId", session),
        ServiceUnderTest.anonymous());
    assertThat(down.status()).isEqualTo(503);
    assertThat(linesInDatabase("session_id", session)).as("nothing deleted").isEqualTo(1);
  }

  @Test
  void removeOrderedTakesOutOnlyTheOrderedUnits() {
    UUID user = UUID.randomUUID();
    RequestMeta customer = ServiceUnderTest.customer(user);
    String partly = catalogue.product(10, 1_000);
    String fully = catalogue.product(10, 1_000);
    add(null, customer, partly, 3);
    add(null, customer, fully, 2);

    JsonObject after = cart.call(CartSubjects.REMOVE_ORDERED, new RemoveOrderedRequest(List.of(
        new CartLine(partly, 2), new CartLine(fully, 2))).toJson(), customer).bodyAsObject();

    assertThat(line(after, partly).getInteger("quantity")).isEqualTo(1);
    assertThat(line(after, fully)).isNull();
    assertThat(linesInDatabase("user_id", user)).isEqualTo(1);
  }
}
