package dev.shop.product.product;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shop.common.metrics.Metrics;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.shareddata.Shareable;
import java.util.Optional;

/**
 * Whole list pages as they were answered, each with the catalogue's answers version of the snapshot
 * it was read from (V7): while the version is unchanged, no product or category was written since,
 * so the kept page is exactly what reading it again would answer. Shared by the product service's
 * instances in one JVM and bounded by the bytes it holds; the least valuable pages go first.
 *
 * <p>A page is kept only when it is read a second time at the same version: while checkouts change
 * stock every few milliseconds, pages would otherwise be kept only to be replaced at their next
 * read, and the collector would be left copying and freeing their bytes.
 */
public final class AnsweredPages implements Shareable {

  private static final String SHARED = "shop.product.pages";
  private static final long MEGABYTE = 1024 * 1024;

  /**
   * A page's answer (the whole JSON body) and the answers version it is exact at; a null body
   * marks a page read once at that version and not kept yet.
   */
  record AnsweredPage(long answersVersion, Buffer body) {
  }

  /** About what an entry costs besides its key's characters and its body's bytes. */
  private static final int ENTRY_BYTES = 64;

  /** Null when keeping pages is off. */
  private final Cache<String, AnsweredPage> pages;

  private AnsweredPages(long megabytes) {
    this.pages = megabytes == 0 ? null : Caffeine.newBuilder()
        .maximumWeight(megabytes * MEGABYTE)
        .weigher((String key, AnsweredPage page) -> ENTRY_BYTES + key.length() * 2
            + (page.body() == null ? 0 : page.body().length()))
        .recordStats()
        .build();
  }

  /**
   * The pages of this JVM's product service, made on first use with at most {@code megabytes} of
   * answers (0: none kept); the caller runs on a context of {@code vertx}, so their meters join
   * its registry.
   */
  public static AnsweredPages of(Vertx vertx, long megabytes) {
    return (AnsweredPages) vertx.sharedData().getLocalMap(SHARED).computeIfAbsent("pages", key -> {
      AnsweredPages made = new AnsweredPages(megabytes);
      if (made.pages != null) {
        Metrics.registry().ifPresent(registry -> CaffeineCacheMetrics.monitor(registry, made.pages, "product.pages"));
      }
      return made;
    });
  }

  /** The page kept for {@code key}, if any. */
  Optional<AnsweredPage> find(String key) {
    return pages == null ? Optional.empty()
        : Optional.ofNullable(pages.getIfPresent(key)).filter(page -> page.body() != null);
  }

  /** Keeps the page read at {@code answersVersion} if it was read at that version before. */
  void keep(String key, long answersVersion, Buffer body) {
    if (pages != null) {
      AnsweredPage before = pages.getIfPresent(key);
      boolean again = before != null && before.answersVersion() == answersVersion;
      pages.put(key, new AnsweredPage(answersVersion, again ? body : null));
    }
  }
}
