package dev.shop.common.service;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/**
 * The instances of one deployment (a service or the gateway, deployed as {@code SHOP_INSTANCES}
 * verticles): what one of them says for all, such as that they are ready, is said once.
 */
public final class Instances {

  private static final String STARTED = "shop.instances.started";

  private Instances() {
  }

  /**
   * Counts the caller's instance as started; true for the one whose start completes its deployment
   * (each instance calls it once, from its own context, when it has started).
   */
  public static boolean lastToStart(Vertx vertx, Context context) {
    LocalMap<String, Integer> started = vertx.sharedData().getLocalMap(STARTED);
    return started.merge(context.deploymentID(), 1, Integer::sum) == context.getInstanceCount();
  }
}
