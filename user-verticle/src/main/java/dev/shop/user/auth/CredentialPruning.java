package dev.shop.user.auth;

import dev.shop.common.db.BatchedDelete;
import dev.shop.common.service.PeriodicJob;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what sign-ins no longer need, so the user database does not grow with every email ever
 * tried: the failure count of an email whose last failed sign-in is older than {@code
 * failuresKept} (its next failures count from one again), and refresh tokens past their expiry
 * (no one can use them: refresh refuses an expired token, so its row proves nothing any more).
 */
public final class CredentialPruning {

  private static final Logger log = LoggerFactory.getLogger(CredentialPruning.class);
  private static final Duration MAX_INTERVAL = Duration.ofMinutes(10);

  private final Pool pool;
  private final Duration failuresKept;

  public CredentialPruning(Pool pool, Duration failuresKept) {
    this.pool = pool;
    this.failuresKept = failuresKept;
  }

  /** Prunes on the caller's context every {@code failuresKept} (at most every 10 minutes, at least every second). */
  public void start(Vertx vertx) {
    long interval = Math.max(1_000, Math.min(failuresKept.toMillis(), MAX_INTERVAL.toMillis()));
    PeriodicJob.start(vertx, interval, this::prune);
  }

  Future<Void> prune() {
    // A row's blocked_until is its last failure, or later while that failure's wait lasts.
    return BatchedDelete.olderThan(pool, "DELETE FROM login_failures WHERE email IN (SELECT email FROM login_failures "
            + "WHERE blocked_until < now() - $1 * interval '1 millisecond' LIMIT $2)", failuresKept.toMillis())
        .compose(failures -> BatchedDelete.olderThan(pool, "DELETE FROM refresh_tokens WHERE id IN (SELECT id FROM "
            + "refresh_tokens WHERE expires_at < now() - $1 * interval '1 millisecond' LIMIT $2)", 0)
            .map(tokens -> {
              if (failures + tokens > 0) {
                log.atInfo().addKeyValue("loginFailures", failures).addKeyValue("refreshTokens", tokens)
                    .log("stale sign-in records pruned");
              }
              return null;
            }));
  }
}
