package dev.shop.cart.cart;

import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.contract.product.ProductSummary;
import java.util.List;

/** How many of a product one cart line may hold: no more than its stock, and never more than 999. */
final class LineQuantity {

  static final int MAX = 999;

  private LineQuantity() {
  }

  static int limit(ProductSummary product) {
    return Math.min(product.stock(), MAX);
  }

  /** 409 when a line of {@code product} may not hold {@code quantity}. */
  static void check(ProductSummary product, int quantity) {
    if (quantity > limit(product)) {
      throw tooMany(product);
    }
  }

  static ShopException tooMany(ProductSummary product) {
    String message = product.stock() < MAX
        ? "Insufficient stock: " + product.stock() + " available"
        : "A cart line holds at most " + MAX;
    return ShopException.conflict(message, List.of(new FieldError("quantity", message)));
  }
}
