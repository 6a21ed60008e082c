package dev.shop.gateway.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.RequestMeta;
import dev.shop.contract.user.UserStatusReply;
import dev.shop.contract.user.UserStatusRequest;
import dev.shop.contract.user.UserSubjects;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the user of a valid access token is still active, asked of the user service
 * ({@code user.status}) and kept for {@code SHOP_ACCOUNT_STATUS_CACHE_MS}: a deactivated user's
 * tokens are refused within that time rather than when they expire. When the user service cannot
 * answer, the last answer stands, and a user never asked about passes on the token's word (the
 * API stays up when the user service is down; logged).
 */
public final class AccountStatus {

  private static final Logger log = LoggerFactory.getLogger(AccountStatus.class);
  /** At most one warning this often while the user service cannot answer (not one per request). */
  private static final long WARNING_INTERVAL_MS = 10_000;

  private final Bus bus;
  private final AsyncCache<String, Boolean> active;
  private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> lastKnown;
  private final AtomicLong lastWarning = new AtomicLong();

  /**
   * @param keep how long a status is kept
   * @param kept accounts whose status is kept at most (and whose last known status, for an hour)
   */
  public AccountStatus(Bus bus, Duration keep, int kept) {
    this.bus = bus;
    this.active = Caffeine.newBuilder().maximumSize(kept).expireAfterWrite(keep).buildAsync();
    this.lastKnown = Caffeine.newBuilder().maximumSize(kept).expireAfterWrite(Duration.ofHours(1)).build();
  }

  /**
   * True unless the user service says the account is deactivated (or gone). A question asked now
   * waits at most {@code wait}; one already under way for the user was asked with the same bound.
   */
  public Future<Boolean> active(String userId, Duration wait) {
    CompletableFuture<Boolean> known = active.getIfPresent(userId);
    if (known != null) {
      // Answered, or being asked by a request a moment ago: one question per user at a time.
      return known.isDone() ? Future.succeededFuture(known.join()) : Future.fromCompletionStage(known);
    }
    CompletableFuture<Boolean> asked = new CompletableFuture<>();
    active.put(userId, asked);
    bus.request(UserSubjects.USER_STATUS, new UserStatusRequest(UUID.fromString(userId)).toJson(),
            RequestMeta.internal("gateway-account-status"), wait)
        .map(reply -> UserStatusReply.fromJson(reply.bodyAsObject()).active())
        .onSuccess(answer -> {
          lastKnown.put(userId, answer);
          asked.complete(answer);
        })
        .onFailure(failure -> {
          active.synchronous().invalidate(userId);
          Boolean last = lastKnown.getIfPresent(userId);
          long now = System.currentTimeMillis();
          long warned = lastWarning.get();
          if (now - warned >= WARNING_INTERVAL_MS && lastWarning.compareAndSet(warned, now)) {
            log.atWarn().addKeyValue("reason", failure.getMessage())
                .log("account status not available: last answers, or the token's word, are used meanwhile");
          }
          asked.complete(last == null || last);
        });
    return Future.fromCompletionStage(asked);
  }
}
