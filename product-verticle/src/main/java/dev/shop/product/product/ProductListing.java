package dev.shop.product.product;

import dev.shop.common.bus.BusReply;
import dev.shop.common.json.Gzip;
import dev.shop.common.json.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Product lists, fast at a real catalogue's size. Counting the matches of a filter and ranking a
 * search cost tens of milliseconds on 100,000 products, and shoppers ask the same lists again and
 * again; so a list's total and its order (the ids, in blocks of {@link #BLOCK}) are kept with the
 * catalogue version they were read at (a version changes with anything that changes which
 * products a list holds or their order). A page whose blocks are kept costs one query: its rows
 * by id, read together with the catalogue version; if the version is still the one the blocks
 * were kept at, the kept total and order are exact, else the page is read anew. The rows are
 * always those of now (stock, prices): a whole page's answer is kept only with the answers version
 * it was read at, which every write of a product or category changes ({@link AnsweredPages}).
 * An order the catalogue version does not follow (low stock first) is read for each page, never
 * kept: its total still is.
 */
final class ProductListing {

  /**
   * Ids read and kept at once: 25 pages of 20. Reading 500 costs little more than reading 20 (a
   * search ranks all its matches either way, a category merges its index scans), and the next
   * pages of a list are then kept already. A page (at most 100) spans at most two blocks.
   */
  static final int BLOCK = 500;
  /** Entries kept per cache: a count, or a block of at most 500 ids (8 KB); bounded memory. */
  private static final int CAPACITY = 5_000;

  private final ProductRepository products;
  private final AnsweredPages answered;
  private final VersionedCache<List<UUID>> subtrees = new VersionedCache<>(CAPACITY);
  private final VersionedCache<Long> totals = new VersionedCache<>(CAPACITY);
  private final VersionedCache<List<UUID>> blocks = new VersionedCache<>(CAPACITY);

  ProductListing(ProductRepository products, AnsweredPages answered) {
    this.products = products;
    this.answered = answered;
  }

  /** A page kept at one catalogue version: its products' ids in order, and the list's total. */
  private record KeptPage(long version, List<UUID> ids, long total) {
  }

  /**
   * A page of the list: the query is made from the ids of the category subtree of
   * {@code categorySlug} (null: no category filter). A page answered before and kept costs one
   * read of the answers version, and is answered in gzip as it is kept when the caller
   * {@code acceptsGzip}; one whose ids and total are kept, one query of its rows.
   */
  Future<BusReply> page(String categorySlug, Function<List<UUID>, ProductQuery> query, PageRequest page,
      boolean acceptsGzip) {
    String pageKey = query.apply(null).pageKey(categorySlug, page);
    Optional<AnsweredPages.AnsweredPage> before = answered.find(pageKey);
    if (before.isEmpty()) {
      return read(categorySlug, query, page, pageKey).map(BusReply::okJson);
    }
    return products.answersVersion().compose(version -> {
      if (version != before.get().answersVersion()) {
        return read(categorySlug, query, page, pageKey).map(BusReply::okJson);
      }
      Buffer kept = before.get().gzippedBody();
      return Future.succeededFuture(acceptsGzip ? BusReply.okGzipped(kept) : BusReply.okJson(Gzip.decompress(kept)));
    });
  }

  /** Reads the page; keeps its answer when its ids, total and rows are all of one snapshot's version. */
  private Future<Buffer> read(String categorySlug, Function<List<UUID>, ProductQuery> query, PageRequest page,
      String pageKey) {
    Optional<KeptPage> kept = query.apply(null).orderFollowsCatalogueVersion() ? kept(categorySlug, query, page)
        : Optional.empty();
    if (kept.isEmpty()) {
      return readAnew(categorySlug, query, page);
    }
    return products.answersInOrderAtVersion(kept.get().ids()).compose(found -> {
      if (found.version() != kept.get().version()) {
        return readAnew(categorySlug, query, page);
      }
      Buffer body = envelope(page, kept.get().total(), found.answers());
      answered.keep(pageKey, found.answersVersion(), body);
      return Future.succeededFuture(body);
    });
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
    if (total.isEmpty() || (version != null && version != total.get().version())) {
      return Optional.empty();
    }
    List<UUID> order = new ArrayList<>();
    for (long block = firstBlock(page); block <= lastBlock(page); block++) {
      Optional<List<UUID>> ids = blocks.get(total.get().version(), list.blockKey(block));
      if (ids.isEmpty()) {
        return Optional.empty();
      }
      order.addAll(ids.get());
      if (ids.get().size() < BLOCK) {
        break; // the end of the list
      }
    }
    return Optional.of(new KeptPage(total.get().version(), slice(order, page), total.get().value()));
  }

  private static long firstBlock(PageRequest page) {
    return page.offset() / BLOCK;
  }

  private static long lastBlock(PageRequest page) {
    return (page.offset() + page.pageSize() - 1) / BLOCK;
  }

  /** The page's ids out of the ids of its blocks (which start at the first block's start). */
  private static List<UUID> slice(List<UUID> order, PageRequest page) {
    int from = (int) (page.offset() - firstBlock(page) * BLOCK);
    return from >= order.size() ? List.of() : order.subList(from, Math.min(order.size(), from + page.pageSize()));
  }

  /** Reads the page's blocks (and, unless kept for their version, the subtree and total), then its rows. */
  private Future<Buffer> readAnew(String categorySlug, Function<List<UUID>, ProductQuery> query,
      PageRequest page) {
    Future<List<UUID>> categories = categorySlug == null ? Future.succeededFuture(null)
        : products.subtreeIds(categorySlug).map(subtree -> keep(subtrees, categorySlug, subtree));
    return categories.compose(categoryIds -> {
      if (categoryIds != null && categoryIds.isEmpty()) {
        return Future.succeededFuture(envelope(page, 0, Buffer.buffer()));
      }
      ProductQuery list = query.apply(categoryIds);
      return pageOrder(list, page).compose(order -> {
        Optional<Long> total = totals.get(order.version(), list.filterKey());
        Future<Long> counted = total.isPresent() ? Future.succeededFuture(total.get())
            : products.count(list).map(count -> keep(totals, list.filterKey(), count));
        List<UUID> ids = order.value();
        Future<Buffer> rows = ids.isEmpty() ? Future.succeededFuture(Buffer.buffer()) : products.answersInOrder(ids);
        return Future.all(counted, rows).map(both -> envelope(page, counted.result(), rows.result()));
      });
    });
  }

  /**
   * The page's ids, out of its blocks read anew and kept; or, for an order the catalogue version does
   * not follow, the page's alone.
   */
  private Future<Versioned<List<UUID>>> pageOrder(ProductQuery list, PageRequest page) {
    if (!list.orderFollowsCatalogueVersion()) {
      return products.pageIds(list, page.pageSize(), page.offset());
    }
    return readBlocks(list, page).map(blocks -> new Versioned<>(blocks.version(), slice(blocks.value(), page)));
  }

  /** The ids of the page's blocks, read anew and kept; tagged with the first block's version. */
  private Future<Versioned<List<UUID>>> readBlocks(ProductQuery list, PageRequest page) {
    Future<Versioned<List<UUID>>> read = Future.succeededFuture(null);
    for (long block = firstBlock(page); block <= lastBlock(page); block++) {
      long index = block;
      read = read.compose(before -> before != null && before.value().size() < (index - firstBlock(page)) * BLOCK
          ? Future.succeededFuture(before) // the list ended in an earlier block
          : products.pageIds(list, BLOCK, index * BLOCK).map(ids -> {
            keep(blocks, list.blockKey(index), ids);
            if (before == null) {
              return ids;
            }
            List<UUID> joined = new ArrayList<>(before.value());
            joined.addAll(ids.value());
            return new Versioned<>(before.version(), joined);
          }));
    }
    return read;
  }

  private static <V> V keep(VersionedCache<V> cache, String key, Versioned<V> read) {
    cache.put(key, read);
    return read.value();
  }

  /** {@code answers}: the page's products, as the elements of a JSON array. */
  private static Buffer envelope(PageRequest page, long total, Buffer answers) {
    return page.envelope("products", total, answers);
  }
}
