package dev.shop.payment.payment;

/** Cash on delivery, or a bank transfer by QR code through SePay. Names as the contract spells them. */
public enum PaymentMethod {
  COD,
  SePay
}
