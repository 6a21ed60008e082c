package dev.shop.user.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;

/**
 * Progressive delay of sign-ins per email: the first {@code freeFailures} failures in a row cost
 * nothing; then each further attempt must wait twice as long as the last (2 s, 4 s, 8 s ... at
 * most {@code maxBlock}), whatever the password. Known and unknown emails alike, so it reveals no
 * account. Counted in the user database: every replica of the user service sees the same count.
 */
final class LoginThrottle {

  private final Pool pool;
  private final int freeFailures;
  private final Duration maxBlock;

  LoginThrottle(Pool pool, int freeFailures, Duration maxBlock) {
    this.pool = pool;
    this.freeFailures = freeFailures;
    this.maxBlock = maxBlock;
  }

  /** How long the email must still wait before its next attempt counts; empty when it need not. */
  Future<Optional<Duration>> waitFor(String email) {
    return pool.preparedQuery("SELECT ceil(extract(epoch FROM blocked_until - now()))::bigint FROM login_failures "
            + "WHERE email = $1 AND blocked_until > now()")
        .execute(Tuple.of(email))
        .map(rows -> rows.rowCount() == 0 ? Optional.empty()
            : Optional.of(Duration.ofSeconds(Math.max(1, rows.iterator().next().getLong(0)))));
  }

  /** One more failure in a row; past the free ones, the email is blocked for the next delay. */
  Future<Void> failed(String email) {
    return pool.preparedQuery("INSERT INTO login_failures AS f (email, failures, blocked_until) VALUES ($1, 1, now()) "
            + "ON CONFLICT (email) DO UPDATE SET failures = f.failures + 1, blocked_until = CASE "
            + "WHEN f.failures + 1 > $2 THEN now() + least(power(2, least(f.failures + 1 - $2, 30)), $3) "
            + "* interval '1 second' ELSE now() END")
        .execute(Tuple.of(email, freeFailures, maxBlock.toSeconds()))
        .mapEmpty();
  }

  /** A successful sign-in: the count starts again. */
  Future<Void> succeeded(String email) {
    return pool.preparedQuery("DELETE FROM login_failures WHERE email = $1").execute(Tuple.of(email)).mapEmpty();
  }
}
