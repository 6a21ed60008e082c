package dev.shop.bench;

import java.util.concurrent.ThreadLocalRandom;

/** What the seeded catalogue holds: every product id, the ids in stock, every category slug. */
record Catalogue(String[] productIds, String[] inStockIds, String[] categorySlugs) {

  String anyProduct() {
    return pick(productIds);
  }

  String productInStock() {
    return pick(inStockIds);
  }

  String anyCategory() {
    return pick(categorySlugs);
  }

  static <T> T pick(T[] values) {
    return values[ThreadLocalRandom.current().nextInt(values.length)];
  }
}
