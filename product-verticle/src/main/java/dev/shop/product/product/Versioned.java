package dev.shop.product.product;

/** A value read from the catalogue with the catalogue version of the same snapshot. */
record Versioned<T>(long version, T value) {
}
