package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.OPTIONAL_USER;
import static dev.shop.gateway.auth.Access.USER;

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
    api.get("/cart", OPTIONAL_USER, "cart.get", sessionQuery);
    api.delete("/cart", OPTIONAL_USER, "cart.clear", sessionQuery);
    api.post("/cart/items", OPTIONAL_USER, "cart.addItem", Payload.body());
    api.put("/cart/items/:id", OPTIONAL_USER, "cart.updateItem", Payload.update());
    // One path parameter name for /cart/items/:id whatever the method (OpenAPI requires it); the
    // cart service calls the line's id itemId.
    api.delete("/cart/items/:id", OPTIONAL_USER, "cart.removeItem", Payload.pathParam("id", "itemId").and(sessionQuery));
    api.delete("/cart/items", OPTIONAL_USER, "cart.removeItem", Payload.body());
    api.post("/cart/transfer", USER, "cart.transferToUser", Payload.body());
  }
}
