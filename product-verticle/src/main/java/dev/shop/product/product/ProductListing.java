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
import java.util.stream.Collectors;

/**
 * Product lists, fast at a real catalogue's size. Counting the matches of a filter and ranking a
 * search cost tens of milliseconds on 100,000 products, and shoppers ask the same lists again and
 * again; so a list's total and each page's ids are kept with the catalogue version they were read
 * at (a version changes with anything that changes which products a list holds or their order).
 * A page asked again costs one query: its rows by id, read together with the catalogue version; if
 * the version is still the one the page was kept at, the kept total and order are exact, else
 * the page is read anew. The rows are always those of now (stock, prices).
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

  /** A page kept at one catalogue version: its products' ids in order, and the list's total. */
  private record KeptPage(long version, List<UUID> ids, long total) {
  }

  /**
   * A page of the list: the query is made from the ids of the category subtree of
   * {@code categorySlug} (null: no category filter).
   */
  Future<JsonObject> page(String categorySlug, Function<List<UUID>, ProductQuery> query, PageRequest page) {
    Optional<KeptPage> kept = kept(categorySlug, query, page);
    if (kept.isEmpty()) {
      return readAnew(categorySlug, query, page);
    }
    return products.findByIdsAtVersion(kept.get().ids()).compose(found -> found.version() == kept.get().version()
        ? Future.succeededFuture(envelope(page, kept.get().total(), inOrder(kept.get().ids(), found.value())))
        : readAnew(categorySlug, query, page));
  }

  /** The page and total kept for this list, if both (and its category subtree) are of one version. */
  private Optional<KeptPage> kept(String categorySlug, Function<List<UUID>, ProductQuery> query, PageRequest page) {
    List<UUID> categoryIds = null;
    Long version = null;
    if (categorySlug != null) {
      Optional<Versioned<List<UUID>>> subtree = subtrees.find(categorySlug);
      if (subtree.isEmpty() || subtree.get().value().isEmpty()) {
        return Optional.empty();
      }
      categoryIds = subtree.get().value();
      version = subtree.get().version();
    }
    ProductQuery list = query.apply(categoryIds);
    Optional<Versioned<Long>> total = totals.find(list.filterKey());
    Optional<Versioned<List<UUID>>> ids = pages.find(list.pageKey(page.pageSize(), page.offset()));
    if (total.isEmpty() || ids.isEmpty() || total.get().version() != ids.get().version()
        || (version != null && version != ids.get().version())) {
      return Optional.empty();
    }
    return Optional.of(new KeptPage(ids.get().version(), ids.get().value(), total.get().value()));
  }

  /** Reads the page's ids (and, unless kept for their version, the subtree and total), then its rows. */
  private Future<JsonObject> readAnew(String categorySlug, Function<List<UUID>, ProductQuery> query,
      PageRequest page) {
    Future<List<UUID>> categories = categorySlug == null ? Future.succeededFuture(null)
        : products.subtreeIds(categorySlug).map(subtree -> keep(subtrees, categorySlug, subtree));
    return categories.compose(categoryIds -> {
      if (categoryIds != null && categoryIds.isEmpty()) {
        return Future.succeededFuture(page.envelope("products", new JsonArray(), 0));
      }
      ProductQuery list = query.apply(categoryIds);
      return products.pageIds(list, page.pageSize(), page.offset()).compose(ids -> {
        keep(pages, list.pageKey(page.pageSize(), page.offset()), ids);
        Optional<Long> total = totals.get(ids.version(), list.filterKey());
        Future<Long> counted = total.isPresent() ? Future.succeededFuture(total.get())
            : products.count(list).map(count -> keep(totals, list.filterKey(), count));
        Future<List<Product>> rows = ids.value().isEmpty() ? Future.succeededFuture(List.of())
            : products.findByIds(ids.value()).map(found -> inOrder(ids.value(), found));
        return Future.all(counted, rows).map(both -> envelope(page, counted.result(), rows.result()));
      });
    });
  }

  private static <V> V keep(VersionedCache<V> cache, String key, Versioned<V> read) {
    cache.put(read.version(), key, read.value());
    return read.value();
  }

  private static JsonObject envelope(PageRequest page, long total, List<Product> rows) {
    JsonArray items = new JsonArray();
    rows.forEach(product -> items.add(product.toResponse()));
    return page.envelope("products", items, total);
  }

  /** The products of {@code ids} in that order; one deleted since the page was read is left out. */
  private static List<Product> inOrder(List<UUID> ids, List<Product> found) {
    Map<UUID, Product> byId = found.stream().collect(Collectors.toMap(Product::id, Function.identity()));
    return ids.stream().map(byId::get).filter(product -> product != null).toList();
  }
}
