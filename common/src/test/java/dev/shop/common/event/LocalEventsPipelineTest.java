package dev.shop.common.event;

import io.vertx.core.Vertx;

class LocalEventsPipelineTest extends EventPipelineTest {

  @Override
  protected EventStream createStream(Vertx vertx, EventSettings settings) {
    return new LocalEvents(vertx, settings);
  }
}
