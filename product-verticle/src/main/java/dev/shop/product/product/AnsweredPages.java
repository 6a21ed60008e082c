package dev.shop.product.product;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.json.Gzip;
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
 * instances in one JVM and bounded by the bytes it holds; the least valuable pages go first. A
 * page is kept in gzip: about an eighth of its bytes, to keep and to send to the clients that take
 * gzip.
 *
 * <p>A page is kept only when it is read a second time at the same version: while checkouts change
 * stock every few milliseconds, pages would otherwise be kept only to be replaced at their next
 * read, and the collector would be left copying and freeing their bytes.
 */
public final class AnsweredPages implements Shareable {

  private static final String SHARED = "shop.product.pages";
  private static final long MEGABYTE = 1024 * 1024;

  /** Pages read once and not kept yet, remembered with the answers version they were read at. */
  private static final int READ_ONCE = 20_000;

  /** A page's answer (the whole JSON body, in gzip) and the answers version it is exact at. */
  record AnsweredPage(long answersVersion, Buffer gzippedBody) {
  }

  /** Both null when keeping pages is off. */
  private final Cache<String, AnsweredPage> pages;
  private final Cache<String, Long> readOnce;

  private AnsweredPages(long megabytes) {
    this.pages = megabytes == 0 ? null : Caffeine.newBuilder()
        .maximumWeight(megabytes * MEGABYTE)
        .weigher((String key, AnsweredPage page) -> key.length() * 2 + page.gzippedBody().length())
        .recordStats()
        .build();
    this.readOnce = megabytes == 0 ? null : Caffeine.newBuilder().maximumSize(READ_ONCE).build();
  }

  /**
   * The pages of this JVM's product service, made on first use with at most {@code megabytes} of
   * answers (0: none kept); the caller runs on a context of {@code vertx}, so their meters join
   * its registry.
   */
  public static AnsweredPages of(Vertx vertx, long megabytes) {
    if (megabytes < 0) {
      throw new IllegalStateException("Configuration key " + ConfigKeys.PRODUCT_PAGES_KEPT_MB
          + " must not be negative, got " + megabytes);
    }
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
    return pages == null ? Optional.empty() : Optional.ofNullable(pages.getIfPresent(key));
  }

  /** Keeps the page read at {@code answersVersion} if it was read at that version before. */
  void keep(String key, long answersVersion, Buffer body) {
    if (pages == null) {
      return;
    }
    Long before = readOnce.getIfPresent(key);
    if (before != null && before == answersVersion) {
      readOnce.invalidate(key);
      pages.put(key, new AnsweredPage(answersVersion, Gzip.compress(body)));
    } else {
      pages.invalidate(key); // kept at an older version, if at all
      readOnce.put(key, answersVersion);
    }
  }
}
