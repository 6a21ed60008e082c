package dev.shop.contract.product;

/**
 * The error statuses ({@code Nats-Service-Error-Code}) of the product service that its callers
 * tell apart. Any subject may also fail with 503 (no responder) or 504 (no answer in time).
 */
public final class ProductErrors {

  /**
   * {@code product.getById}: an unknown or malformed id (never 400). {@code stock.reserve}: an
   * unknown or malformed product id.
   */
  public static final int NOT_FOUND = 404;

  /**
   * {@code stock.reserve}: stock short for some lines, nothing reserved; the error's {@code details}
   * have one entry per such product, {@code field} being its id.
   */
  public static final int SHORT_OF_STOCK = 409;

  /**
   * {@code stock.reserve}: the order's reservation was released (by {@code stock.release}, or by
   * the product service once it expired and the order did not exist).
   */
  public static final int RESERVATION_RELEASED = 409;

  private ProductErrors() {
  }
}
