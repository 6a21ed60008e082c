package dev.shop.cart.cart;

import dev.shop.cart.catalogue.Catalogue;
import dev.shop.contract.product.ProductSummary;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shows an owner's cart as the contract does: its lines with today's products, fetched in one
 * {@code product.getByIds} request. Lines of products deleted since are hidden and deleted.
 */
final class CartReader {

  private final CartRepository carts;
  private final Catalogue catalogue;

  CartReader(CartRepository carts, Catalogue catalogue) {
    this.carts = carts;
    this.catalogue = catalogue;
  }

  /** The CartResponse; an empty one (with a null id) when the owner has no cart yet. */
  Future<JsonObject> read(CartOwner owner, String requestId) {
    return carts.find(owner).compose(found -> found
        .map(cart -> carts.items(cart.id()).compose(items -> withProducts(cart, items, requestId)))
        .orElseGet(() -> Future.succeededFuture(Cart.empty(owner).toResponse(List.of(), Map.of()))));
  }

  private Future<JsonObject> withProducts(Cart cart, List<CartItem> items, String requestId) {
    if (items.isEmpty()) {
      return Future.succeededFuture(cart.toResponse(items, Map.of()));
    }
    return catalogue.products(items.stream().map(CartItem::productId).toList(), requestId).compose(products -> {
      List<CartItem> shown = items.stream().filter(item -> products.containsKey(item.productId())).toList();
      List<UUID> gone = items.stream().map(CartItem::productId).filter(id -> !products.containsKey(id)).toList();
      Future<Void> cleaned = gone.isEmpty() ? Future.succeededFuture() : carts.removeProducts(cart.id(), gone);
      return cleaned.map(v -> cart.toResponse(shown, products));
    });
  }
}
