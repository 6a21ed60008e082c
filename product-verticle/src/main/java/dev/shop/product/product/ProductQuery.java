package dev.shop.product.product;

import dev.shop.common.json.PageRequest;
import java.util.List;
import java.util.UUID;

/**
 * A validated product list request. {@code searchWords} are the words of {@code search}, each of
 * which a product must contain; {@code categoryIds} are the categories a product must be in (null:
 * any); {@code sort} is null when the client chose none (relevance first when searching, else newest).
 */
record ProductQuery(String search, List<String> searchWords, List<UUID> categoryIds, Long minPriceInt, Long maxPriceInt,
    boolean inStockOnly, ProductSort sort) {

  /** What decides which products match (and so the total): everything but the sort. */
  String filterKey() {
    return search + "|" + categoryIds + "|" + minPriceInt + "|" + maxPriceInt + "|" + inStockOnly;
  }

  /**
   * What decides a whole page's answer, for a query made without category ids: the category by
   * its slug, the filter, the sort and the page.
   */
  String pageKey(String categorySlug, PageRequest page) {
    return categorySlug + "|" + filterKey() + "|" + sort + "|" + page.page() + "|" + page.pageSize();
  }

  /** Whether the list's order may be kept for a catalogue version ({@link ProductSort#followsCatalogueVersion}). */
  boolean orderFollowsCatalogueVersion() {
    return sort == null || sort.followsCatalogueVersion;
  }

  /** What decides the products of a block of the list: the filter, the sort and the block's place. */
  String blockKey(long block) {
    return filterKey() + "|" + sort + "|" + block;
  }
}
