package dev.shop.e2e;

/** The two buses every end-to-end test runs over. */
public enum BusKind {
  NATS,
  LOCAL
}
