package dev.shop.contract.payment;

/**
 * The domain events the payment service emits: each one's type, which is also its subject under the
 * event stream's prefix. docs/events.md has their payloads.
 */
public final class PaymentEvents {

  public static final String SUCCEEDED = "payment.succeeded";
  public static final String FAILED = "payment.failed";
  public static final String REFUNDED = "payment.refunded";

  private PaymentEvents() {
  }
}
