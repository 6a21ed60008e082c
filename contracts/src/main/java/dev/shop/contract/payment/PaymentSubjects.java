package dev.shop.contract.payment;

/**
 * The payment service's subjects (docs/PROTOCOL.md, "payment service"); the gateway calls them, and
 * the order service asks {@link #GET_BY_ORDER} for an administrator's view of an order.
 */
public final class PaymentSubjects {

  public static final String PROCESS = "payment.process";
  public static final String VERIFY = "payment.verify";
  public static final String GET_BY_ID = "payment.getById";
  /** {@link PaymentByOrderRequest}, answered with a PaymentResponse. */
  public static final String GET_BY_ORDER = "payment.getByOrder";

  private PaymentSubjects() {
  }
}
