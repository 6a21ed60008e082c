package dev.shop.common.event;

/** Every domain event's type (its subject under the stream's prefix); docs/events.md has the payloads. */
public final class EventTypes {

  public static final String USER_REGISTERED = "user.registered";
  public static final String PRODUCT_CREATED = "product.created";
  public static final String PRODUCT_UPDATED = "product.updated";
  public static final String PRODUCT_DELETED = "product.deleted";
  public static final String ORDER_CREATED = "order.created";
  public static final String ORDER_STATUS_CHANGED = "order.statusChanged";
  public static final String ORDER_CANCELLED = "order.cancelled";
  public static final String ORDER_DISCARDED = "order.discarded";
  public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
  public static final String PAYMENT_FAILED = "payment.failed";
  public static final String PAYMENT_REFUNDED = "payment.refunded";

  private EventTypes() {
  }
}
