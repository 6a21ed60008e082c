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
 */
public final class AnsweredPages implements Shareable {

  private static final String SHARED = "shop.product.pages";
  private static final long MEGABYTE = 1024 * 1024;

  /** A page's answer (the whole JSON body) and the answers version it is exact at. */
  record AnsweredPage(long answersVersion, Buffer body) {
  }

  /** Null when keeping pages is off. */
  private final Cache<String, AnsweredPage> pages;

  private AnsweredPages(long megabytes) {
    this.pages = megabytes == 0 ? null : Caffeine.newBuilder()
        .maximumWeight(megabytes * MEGABYTE)
        .weigher((String key, AnsweredPage page) -> key.length() * 2 + page.body().length())
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

  Optional<AnsweredPage> find(String key) {
    return pages == null ? Optional.empty() : Optional.ofNullable(pages.getIfPresent(key));
  }

  void keep(String key, long answersVersion, Buffer body) {
    if (pages != null) {
      pages.put(key, new AnsweredPage(answersVersion, body));
    }
  }
}
