package dev.shop.gateway.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;

/**
 * Requests counted per key (a client address, a user, an email) in fixed one-minute windows. The
 * keys live in a bounded cache: however many clients appear, at most {@code maxKeys} windows are
 * kept (the least recently used go first, and a key idle for two windows is dropped). Shared by the
 * gateway's instances in one JVM; each gateway JVM counts on its own.
 */
public final class RateLimiter implements Shareable {

  static final Duration WINDOW = Duration.ofMinutes(1);

  /** One key's window: when it began and the requests counted in it. */
  private static final class Window {
    private long start;
    private int count;

    Window(long start) {
      this.start = start;
    }
  }

  /**
   * The outcome for one request: whether it may pass, and what the {@code RateLimit-*} headers say
   * (the limit, what is left of it, and the seconds until the window starts over).
   */
  public record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
  }

  private final Cache<String, Window> windows;

  public RateLimiter(long maxKeys) {
    // Eviction runs on the counting thread (no background pool), so the bound holds at every moment.
    this.windows = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(WINDOW.multipliedBy(2))
        .executor(Runnable::run).build();
  }

  /** Counts a request of {@code key} against {@code limit} per minute. */
  public Decision take(String key, int limit, long nowMillis) {
    Window window = windows.get(key, k -> new Window(nowMillis));
    synchronized (window) {
      if (nowMillis - window.start >= WINDOW.toMillis()) {
        window.start = nowMillis;
        window.count = 0;
      }
      window.count++;
      long reset = Math.max(1, (window.start + WINDOW.toMillis() - nowMillis + 999) / 1000);
      return new Decision(window.count <= limit, limit, Math.max(0, limit - window.count), reset);
    }
  }

  /** Keys kept now (approximately). */
  public long keys() {
    return windows.estimatedSize();
  }
}
