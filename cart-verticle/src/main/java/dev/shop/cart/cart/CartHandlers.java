package dev.shop.cart.cart;

import dev.shop.cart.catalogue.Catalogue;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.json.BodySchema;
import dev.shop.common.json.JsonInput;
import dev.shop.contract.RestContract;
import dev.shop.contract.cart.RemoveOrderedRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code cart.*} subjects. The cart is the calling user's, or else that of the {@code sessionId}
 * sent (400 when there is neither); every change answers the resulting CartResponse.
 */
public final class CartHandlers {

  private static final BodySchema ADD_ITEM = BodySchema.of(RestContract.document(), "AddCartItemRequest");
  private static final BodySchema UPDATE_ITEM = BodySchema.of(RestContract.document(), "UpdateCartItemRequest");
  /** Its body, or the path's line id and the query's session id. */
  private static final BodySchema REMOVE_ITEM = BodySchema.of(RestContract.document(), "RemoveCartItemRequest");
  private static final BodySchema TRANSFER = BodySchema.of(RestContract.document(), "CartTransferRequest");
  private final CartRepository carts;
  private final Catalogue catalogue;
  private final CartReader reader;

  public CartHandlers(CartRepository carts, Catalogue catalogue) {
    this.carts = carts;
    this.catalogue = catalogue;
    this.reader = new CartReader(carts, catalogue);
  }

  /** {@code {sessionId?}}. */
  public Future<BusReply> get(BusRequest request) {
    JsonInput input = JsonInput.body(request.body(), "sessionId");
    CartOwner owner = CartOwner.of(request.caller(), input);
    input.validate();
    return answer(owner, request);
  }

  /** {@code {sessionId?, productId, quantity?}}: quantity 1..999, default 1, added to the product's line. */
  public Future<BusReply> addItem(BusRequest request) {
    JsonInput input = JsonInput.body(request.body(), ADD_ITEM);
    CartOwner owner = CartOwner.of(request.caller(), input);
    String productId = input.requiredString("productId", 1, Integer.MAX_VALUE);
    Integer quantity = input.optionalInt("quantity");
    input.validate();
    UUID id = Ids.parse(productId).orElseThrow(() -> ShopException.notFound("Product not found"));
    return catalogue.product(id, request.requestId())
        .compose(product -> carts.add(owner, product, quantity == null ? 1 : quantity))
        .compose(v -> answer(owner, request));
  }

  /** {@code {id, changes:{sessionId?, quantity}}}: quantity 0..999, 0 removes the line. */
  public Future<BusReply> updateItem(BusRequest request) {
    JsonInput input = JsonInput.body(request.body().getJsonObject("changes", new JsonObject()), UPDATE_ITEM);
    CartOwner owner = CartOwner.of(request.caller(), input);
    Integer quantity = input.requiredInt("quantity");
    input.validate();
    UUID itemId = itemId(request.body().getValue("id"));
    Future<Boolean> changed = quantity == 0 ? carts.remove(owner, itemId)
        : carts.productOf(owner, itemId).compose(productId -> catalogue
            .product(productId.orElseThrow(CartHandlers::itemNotFound), request.requestId())
            .compose(product -> {
              LineQuantity.check(product, quantity);
              return carts.setQuantity(owner, itemId, quantity);
            }));
    return changed.compose(found -> answerIfFound(found, owner, request));
  }

  /** {@code {itemId, sessionId?}}. */
  public Future<BusReply> removeItem(BusRequest request) {
    JsonInput input = JsonInput.body(request.body(), REMOVE_ITEM);
    CartOwner owner = CartOwner.of(request.caller(), input);
    String itemId = input.requiredString("itemId", 1, Integer.MAX_VALUE);
    input.validate();
    return carts.remove(owner, itemId(itemId)).compose(found -> answerIfFound(found, owner, request));
  }

  /** {@code {sessionId?}}: {@code {success:true}}, also when there was no cart. */
  public Future<BusReply> clear(BusRequest request) {
    JsonInput input = JsonInput.body(request.body(), "sessionId");
    CartOwner owner = CartOwner.of(request.caller(), input);
    input.validate();
    return carts.clear(owner).map(v -> BusReply.success());
  }

  /** {@code {sessionId}}; a user: merges the session's cart into the caller's. */
  public Future<BusReply> transferToUser(BusRequest request) {
    CartOwner user = CartOwner.user(request.caller());
    JsonInput input = JsonInput.body(request.body(), TRANSFER);
    String sessionId = CartOwner.sessionId(input);
    input.validate();
    return carts.transfer(sessionId, user).map(transfer -> BusReply.ok(transfer.toResponse()));
  }

  /**
   * {@code {items:[{productId, quantity}]}}; a user (the order service, once an order exists):
   * takes the ordered quantities out of the caller's cart, so lines added meanwhile stay.
   */
  public Future<BusReply> removeOrdered(BusRequest request) {
    CartOwner user = CartOwner.user(request.caller());
    JsonInput input = JsonInput.body(request.body(), "items");
    List<JsonInput> lines = input.requiredObjects("items", RemoveOrderedRequest.MAX_LINES, "productId", "quantity");
    Map<UUID, Integer> ordered = new LinkedHashMap<>();
    for (JsonInput line : lines) {
      String productId = line.requiredString("productId", 1, Integer.MAX_VALUE);
      Integer quantity = line.requiredInt("quantity", 1, Integer.MAX_VALUE);
      if (productId != null && quantity != null) {
        // An id that is no UUID names no product of the cart: nothing to take out.
        Ids.parse(productId).ifPresent(id -> ordered.merge(id, quantity, CartHandlers::saturatedSum));
      }
    }
    input.validate();
    Future<Void> removed = ordered.isEmpty() ? Future.succeededFuture() : carts.removeOrdered(user, ordered);
    return removed.compose(v -> answer(user, request));
  }

  private Future<BusReply> answer(CartOwner owner, BusRequest request) {
    return reader.read(owner, request.requestId()).map(BusReply::ok);
  }

  private Future<BusReply> answerIfFound(boolean found, CartOwner owner, BusRequest request) {
    if (!found) {
      throw itemNotFound();
    }
    return answer(owner, request);
  }

  private static UUID itemId(Object value) {
    return Ids.parse(value).orElseThrow(CartHandlers::itemNotFound);
  }

  private static int saturatedSum(int a, int b) {
    return (int) Math.min((long) a + b, Integer.MAX_VALUE);
  }

  private static ShopException itemNotFound() {
    return ShopException.notFound("Cart item not found");
  }
}
