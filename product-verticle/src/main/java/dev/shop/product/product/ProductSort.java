package dev.shop.product.product;

/** The orders of the product list; each ends with the id so that pages never overlap or skip. */
enum ProductSort {
  NEWEST("newest", "p.created_at", "p.created_at DESC, p.id DESC", true),
  PRICE_ASC("price_asc", "p.price_int", "p.price_int ASC, p.id ASC", true),
  PRICE_DESC("price_desc", "p.price_int", "p.price_int DESC, p.id DESC", true),
  NAME("name", "p.name_folded", "p.name_folded ASC, p.id ASC", true),
  /**
   * Low stock first, for the operators' console (administrators only, {@link ProductHandlers#list}):
   * the order moves with every checkout. No index has the stock, so each page sorts its matches.
   */
  STOCK_ASC("stock_asc", "p.stock", "p.stock ASC, p.id ASC", false);

  final String param;
  /** The column the order is on (besides the id). */
  final String key;
  final String orderBy;
  /**
   * Whether the order changes only with the catalogue version ({@code V3__catalogue_version.sql}),
   * so an order read at a version may be kept for it ({@link ProductListing}). Stock is not
   * followed by the version (a checkout that leaves a product in stock does not bump it).
   */
  final boolean followsCatalogueVersion;

  ProductSort(String param, String key, String orderBy, boolean followsCatalogueVersion) {
    this.param = param;
    this.key = key;
    this.orderBy = orderBy;
    this.followsCatalogueVersion = followsCatalogueVersion;
  }

  static java.util.Optional<ProductSort> fromParam(String value) {
    for (ProductSort sort : values()) {
      if (sort.param.equals(value)) {
        return java.util.Optional.of(sort);
      }
    }
    return java.util.Optional.empty();
  }

  /** The {@code sort} values, for the error of an unknown one. */
  static final String NAMES = String.join(", ", java.util.Arrays.stream(values()).map(s -> s.param).toList());
}
