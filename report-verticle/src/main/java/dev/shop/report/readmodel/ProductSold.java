package dev.shop.report.readmodel;

import java.util.UUID;

/** What an order sold of one product: its lines of that product, summed. */
record ProductSold(UUID productId, String sku, String name, long quantity, long revenueInt) {

  ProductSold plus(ProductSold other) {
    return new ProductSold(productId, sku, name, quantity + other.quantity, revenueInt + other.revenueInt);
  }
}
