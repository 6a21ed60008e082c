package dev.shop.contract.product;

/**
 * The domain events the product service emits: each one's type, which is also its subject under the
 * event stream's prefix. docs/events.md has their payloads.
 */
public final class ProductEvents {

  public static final String CREATED = "product.created";
  public static final String UPDATED = "product.updated";
  public static final String DELETED = "product.deleted";

  private ProductEvents() {
  }
}
