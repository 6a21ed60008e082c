package dev.shop.contract.order;

/**
 * The error statuses ({@code Nats-Service-Error-Code}) of the order service that its callers tell
 * apart. Any subject may also fail with 503 (no responder) or 504 (no answer in time).
 */
public final class OrderErrors {

  /** {@code order.get}: no such order, or another user's (asked as a customer). */
  public static final int NOT_FOUND = 404;

  private OrderErrors() {
  }
}
