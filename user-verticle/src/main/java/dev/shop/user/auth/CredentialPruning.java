package dev.shop.user.auth;

import dev.shop.common.db.Pruning;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;

/**
 * What sign-ins no longer need, deleted so the user database does not grow with every email ever
 * tried: the failure count of an email whose last failed sign-in is older than {@code
 * failuresKept} (its next failures count from one again), and refresh tokens past their expiry
 * (refresh refuses an expired token, so its row proves nothing any more).
 */
public final class CredentialPruning {

  private CredentialPruning() {
  }

  public static Pruning of(Pool pool, String service, Duration failuresKept) {
    return new Pruning(pool, service, failuresKept, List.of(
        // A row's blocked_until is its last failure, or later while that failure's wait lasts.
        new Pruning.Rule("loginFailures", "DELETE FROM login_failures WHERE email IN (SELECT email FROM "
            + "login_failures WHERE blocked_until < now() - $1 * interval '1 millisecond' LIMIT $2) "
            + "AND blocked_until < now() - $1 * interval '1 millisecond'", failuresKept),
        new Pruning.Rule("refreshTokens", "DELETE FROM refresh_tokens WHERE id IN (SELECT id FROM refresh_tokens "
            + "WHERE expires_at < now() - $1 * interval '1 millisecond' LIMIT $2)", Duration.ZERO)));
  }
}
