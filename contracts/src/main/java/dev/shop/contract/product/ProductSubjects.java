package dev.shop.contract.product;

/** The product service's subjects (docs/PROTOCOL.md, "product service" and "Stock reservations"). */
public final class ProductSubjects {

  public static final String CATEGORY_LIST = "category.list";
  public static final String CATEGORY_GET_BY_ID = "category.getById";
  public static final String CATEGORY_GET_BY_SLUG = "category.getBySlug";
  public static final String CATEGORY_CREATE = "category.create";
  public static final String CATEGORY_UPDATE = "category.update";
  public static final String CATEGORY_DELETE = "category.delete";
  public static final String PRODUCT_LIST = "product.list";
  /** Also asked by other services: {@link ProductByIdRequest}, a ProductResponse read as a {@link ProductSummary}. */
  public static final String PRODUCT_GET_BY_ID = "product.getById";
  public static final String PRODUCT_GET_BY_SLUG = "product.getBySlug";
  /** For other services: {@link ProductsByIdsRequest}, answered with a {@link ProductsByIdsReply}. */
  public static final String PRODUCT_GET_BY_IDS = "product.getByIds";
  public static final String PRODUCT_CREATE = "product.create";
  public static final String PRODUCT_UPDATE = "product.update";
  public static final String PRODUCT_DELETE = "product.delete";
  public static final String PRODUCT_ADJUST_STOCK = "product.adjustStock";
  /** Internal: {@link StockReserveRequest}, answered with a {@link StockReserveReply}. */
  public static final String STOCK_RESERVE = "stock.reserve";
  /** Internal: {@link ReservationRequest}, answered with a {@link StockReleaseReply}. */
  public static final String STOCK_RELEASE = "stock.release";

  private ProductSubjects() {
  }
}
