package dev.shop.user.auth;

import dev.shop.common.db.Transactions;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.text.Sha256;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens: random values handed out once, stored only as their SHA-256. Each use rotates
 * the token; tokens of one login share a family so a reused token can revoke them all.
 */
public final class RefreshTokenRepository {

  private static final SecureRandom random = new SecureRandom();

  private final Pool pool;
  private final Duration ttl;

  public RefreshTokenRepository(Pool pool, Duration ttl) {
    this.pool = pool;
    this.ttl = ttl;
  }

  /** What presenting a token found. */
  public sealed interface Rotation {
    /** The token was valid: it is now revoked and {@code next} replaces it. */
    record Rotated(UUID userId, String next) implements Rotation { }

    /** The token had been revoked already: its whole family is now revoked. */
    record Reused() implements Rotation { }

    /** Unknown or expired. */
    record Invalid() implements Rotation { }
  }

  /** A new token starting a new family (a login). */
  public Future<String> issue(UUID userId) {
    return insert(pool, userId, Ids.newId());
  }

  /**
   * Stores a new token of an active account, holding the user's row (FOR SHARE, the database's
   * lock order: users before refresh_tokens) so that a deactivation running at the same time
   * either comes first (then no token is issued: 401) or waits and revokes this token too.
   */
  private Future<String> insert(SqlClient client, UUID userId, UUID familyId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return client.preparedQuery("INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) "
            + "SELECT $1, id, $3, $4, $5 FROM users WHERE id = $2 AND is_active FOR SHARE")
        .execute(Tuple.of(Ids.newId(), userId, familyId, Buffer.buffer(hash(token)),
            OffsetDateTime.now(ZoneOffset.UTC).plus(ttl)))
        .compose(inserted -> inserted.rowCount() == 1 ? Future.succeededFuture(token)
            : Future.failedFuture(ShopException.unauthorized("Account is deactivated")));
  }

  /**
   * Revokes the token and issues its successor in one transaction. Of two concurrent uses of one
   * token, only one can revoke it; the other sees a revoked token, which is reuse. The owner's row
   * is locked first (FOR SHARE), as every write of this database takes the user before the tokens
   * (LOCKING.md): taking the token first deadlocked with a deactivation and an address change.
   */
  public Future<Rotation> rotate(String token) {
    byte[] tokenHash = hash(token);
    Buffer tokenHashBytes = Buffer.buffer(tokenHash);
    return Transactions.inTransaction(pool, connection -> lockOwner(connection, tokenHashBytes)
            .compose(owner -> connection.preparedQuery("UPDATE refresh_tokens SET revoked_at = now() "
                + "WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now() RETURNING user_id, family_id")
            .execute(Tuple.of(tokenHashBytes)))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture(Optional.<Rotation>empty());
              }
              var row = rows.iterator().next();
              UUID userId = row.getUUID("user_id");
              return insert(connection, userId, row.getUUID("family_id"))
                  .map(next -> Optional.<Rotation>of(new Rotation.Rotated(userId, next)));
            }))
        .compose(rotated -> rotated.isPresent() ? Future.succeededFuture(rotated.get()) : revokeFamilyIfReused(tokenHash));
  }

  private Future<Rotation> revokeFamilyIfReused(byte[] tokenHash) {
    Buffer tokenHashBytes = Buffer.buffer(tokenHash);
    return Transactions.inTransaction(pool, connection -> lockOwner(connection, tokenHashBytes)
        .compose(owner -> connection.preparedQuery("UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, now()) "
                + "WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 "
                + "AND revoked_at IS NOT NULL) RETURNING id")
            .execute(Tuple.of(tokenHashBytes)))
        .map(rows -> rows.size() > 0 ? new Rotation.Reused() : new Rotation.Invalid()));
  }

  /** Locks the row of the token's owner (FOR SHARE), the first lock of any write of their tokens. */
  private static Future<Void> lockOwner(SqlClient connection, Buffer tokenHash) {
    return connection.preparedQuery("SELECT 1 FROM users u JOIN refresh_tokens t ON t.user_id = u.id "
            + "WHERE t.token_hash = $1 FOR SHARE OF u")
        .execute(Tuple.of(tokenHash))
        .mapEmpty();
  }

  /** Revokes one token (logout); unknown or already revoked tokens are left as they are. */
  public Future<Void> revoke(String token) {
    return pool.preparedQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(Buffer.buffer(hash(token))))
        .mapEmpty();
  }

  private static byte[] hash(String token) {
    return Sha256.of(token);
  }
}
