package dev.shop.product.product;

import dev.shop.common.json.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Product lists, fast at a real catalogue's size. Counting the matches of a filter and ranking a
 * search cost tens of milliseconds on 100,000 products, and shoppers ask the same lists again and
 * again; so a list's total and each page's ids are kept for the catalogue version they were read
 * at (a version changes with anything that changes which products a list holds or their order)
 * and reused while the catalogue stays at that version. Totals stay exact. The rows of a page are
 * always read afresh by id, so stock and prices are those of now.
 */
final class ProductListing {

  /** Entries kept per cache: small values (a count, 100 ids at most), bounded memory. */
  private static final int CAPACITY = 10_000;

  private final ProductRepository products;
  private final VersionedCache<List<UUID>> subtrees = new VersionedCache<>(CAPACITY);
  private final VersionedCache<Long> totals = new VersionedCache<>(CAPACITY);
  private final VersionedCache<List<UUID>> pages = new VersionedCache<>(CAPACITY);

  ProductListing(ProductRepository products) {
    this.products = products;
  }

  /**
   * A page of the list: the query is made from the ids of the category subtree of
   * {@code categorySlug} (null: no category filter).
   */
  Future<JsonObject> page(String categorySlug, Function<List<UUID>, ProductQuery> query, PageRequest page) {
    return products.catalogueVersion().compose(version -> categories(version, categorySlug).compose(categoryIds -> {
      if (categoryIds != null && categoryIds.isEmpty()) {
        return Future.succeededFuture(page.envelope("products", new JsonArray(), 0));
      }
      ProductQuery list = query.apply(categoryIds);
      Future<Long> total = cached(totals, version, list.filterKey(), () -> products.count(list));
      Future<List<Product>> rows = cached(pages, version, list.pageKey(page.pageSize(), page.offset()),
          () -> products.pageIds(list, page.pageSize(), page.offset()))
          .compose(this::rowsInOrder);
      return page.envelope("products", total, rows, Product::toResponse);
    }));
  }

  private Future<List<UUID>> categories(long version, String slug) {
    return slug == null ? Future.succeededFuture(null) : cached(subtrees, version, slug, () -> products.subtreeIds(slug));
  }

  /** The value kept for this version, or read (and kept for the version it was read at). */
  private static <V> Future<V> cached(VersionedCache<V> cache, long version, String key,
      Supplier<Future<Versioned<V>>> read) {
    Optional<V> kept = cache.get(version, key);
    if (kept.isPresent()) {
      return Future.succeededFuture(kept.get());
    }
    return read.get().map(fresh -> {
      cache.put(fresh.version(), key, fresh.value());
      return fresh.value();
    });
  }

  /** The products of {@code ids} in that order; one deleted since the page was read is left out. */
  private Future<List<Product>> rowsInOrder(List<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return products.findByIds(ids).map(found -> {
      Map<UUID, Product> byId = found.stream().collect(Collectors.toMap(Product::id, Function.identity()));
      return ids.stream().map(byId::get).filter(product -> product != null).toList();
    });
  }
}
