package dev.shop.bench;

import java.util.function.IntFunction;

/** A scenario's traffic: virtual user {@code n} of the run is {@code shoppers.apply(n)}. */
record Workload(String name, IntFunction<Shopper> shoppers) {
}
