package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.OPTIONAL_USER;
import static dev.shop.gateway.auth.Access.USER;

import dev.shop.contract.cart.CartSubjects;
import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.Payload;

/**
 * The contract's "Cart" (openapi.json), in the cart service. A token, when sent, must be valid and makes the cart the
 * user's; without one the {@code sessionId} (query or body) names an anonymous cart.
 */
public final class CartRoutes {

  private CartRoutes() {
  }

  public static void register(Api api) {
    Payload sessionQuery = Payload.queryParams("sessionId");
    api.get("/cart", OPTIONAL_USER, CartSubjects.GET, sessionQuery);
    api.delete("/cart", OPTIONAL_USER, CartSubjects.CLEAR, sessionQuery);
    api.post("/cart/items", OPTIONAL_USER, CartSubjects.ADD_ITEM, Payload.body());
    api.put("/cart/items/:id", OPTIONAL_USER, CartSubjects.UPDATE_ITEM, Payload.update());
    // One path parameter name for /cart/items/:id whatever the method (OpenAPI requires it); the
    // cart service calls the line's id itemId.
    api.delete("/cart/items/:id", OPTIONAL_USER, CartSubjects.REMOVE_ITEM, Payload.pathParam("id", "itemId").and(sessionQuery));
    api.delete("/cart/items", OPTIONAL_USER, CartSubjects.REMOVE_ITEM, Payload.body());
    api.post("/cart/transfer", USER, CartSubjects.TRANSFER_TO_USER, Payload.body());
  }
}
