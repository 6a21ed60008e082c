package dev.shop.contract.payment;

/** The payment service's subjects (docs/PROTOCOL.md, "payment service"); only the gateway calls them. */
public final class PaymentSubjects {

  public static final String PROCESS = "payment.process";
  public static final String VERIFY = "payment.verify";
  public static final String GET_BY_ID = "payment.getById";
  public static final String GET_BY_ORDER = "payment.getByOrder";

  private PaymentSubjects() {
  }
}
