package dev.shop.bench;

/** One virtual user: what it asks for next. Called on the generator's event loop only. */
@FunctionalInterface
interface Shopper {

  Request next();
}
