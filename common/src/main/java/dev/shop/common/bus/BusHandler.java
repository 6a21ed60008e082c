package dev.shop.common.bus;

import io.vertx.core.Future;

/** Answers the requests of one subject; fails with a {@code ShopException} to answer an error. */
@FunctionalInterface
public interface BusHandler {
  Future<BusReply> handle(BusRequest request);
}
