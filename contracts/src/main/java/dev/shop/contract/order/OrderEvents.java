package dev.shop.contract.order;

/**
 * The domain events the order service emits: each one's type, which is also its subject under the
 * event stream's prefix. docs/events.md has their payloads.
 */
public final class OrderEvents {

  public static final String CREATED = "order.created";
  public static final String STATUS_CHANGED = "order.statusChanged";
  public static final String CANCELLED = "order.cancelled";
  public static final String DISCARDED = "order.discarded";

  private OrderEvents() {
  }
}
