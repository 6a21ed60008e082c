package dev.shop.common.bus;

import io.vertx.core.Vertx;

class LocalBusTest extends BusContractTest {

  @Override
  protected Bus createBus(Vertx vertx) {
    return new LocalBus(vertx, TIMEOUT, BusSigning.of(dev.shop.common.testing.TestSettings.BUS_SIGNING_KEY));
  }
}
