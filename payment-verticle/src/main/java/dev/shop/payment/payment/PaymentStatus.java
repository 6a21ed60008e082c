package dev.shop.payment.payment;

/** PENDING until settled: SUCCESS (paid), FAILED (refused, wrong amount, order cancelled unpaid), REFUNDED. */
public enum PaymentStatus {
  PENDING,
  SUCCESS,
  FAILED,
  REFUNDED
}
