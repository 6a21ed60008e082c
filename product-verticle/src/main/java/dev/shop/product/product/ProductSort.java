package dev.shop.product.product;

/** The orders of the product list; each ends with the id so that pages never overlap or skip. */
enum ProductSort {
  NEWEST("newest", "p.created_at", "p.created_at DESC, p.id DESC"),
  PRICE_ASC("price_asc", "p.price_int", "p.price_int ASC, p.id ASC"),
  PRICE_DESC("price_desc", "p.price_int", "p.price_int DESC, p.id DESC"),
  NAME("name", "p.name_folded", "p.name_folded ASC, p.id ASC");

  final String param;
  /** The column the order is on (besides the id). */
  final String key;
  final String orderBy;

  ProductSort(String param, String key, String orderBy) {
    this.param = param;
    this.key = key;
    this.orderBy = orderBy;
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
