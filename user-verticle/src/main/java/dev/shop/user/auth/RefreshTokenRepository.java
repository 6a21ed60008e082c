package dev.shop.user.auth;

import dev.shop.common.db.Transactions;
import dev.shop.common.id.Ids;
import dev.shop.common.text.Sha256;
import io.vertx.core.Future;
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

  private Future<String> insert(SqlClient client, UUID userId, UUID familyId) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return client.preparedQuery("INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) "
            + "VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(Ids.newId(), userId, familyId, io.vertx.core.buffer.Buffer.buffer(hash(token)),
            OffsetDateTime.now(ZoneOffset.UTC).plus(ttl)))
        .map(token);
  }

  /**
   * Revokes the token and issues its successor in one transaction. Of two concurrent uses of one
   * token, only one can revoke it; the other sees a revoked token, which is reuse.
   */
  public Future<Rotation> rotate(String token) {
    byte[] tokenHash = hash(token);
    return Transactions.inTransaction(pool, connection -> connection
            .preparedQuery("UPDATE refresh_tokens SET revoked_at = now() "
                + "WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now() RETURNING user_id, family_id")
            .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(tokenHash)))
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
    return pool.preparedQuery("UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE family_id = "
            + "(SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND revoked_at IS NOT NULL) RETURNING id")
        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(tokenHash)))
        .map(rows -> rows.size() > 0 ? new Rotation.Reused() : new Rotation.Invalid());
  }

  /** Revokes one token (logout); unknown or already revoked tokens are left as they are. */
  public Future<Void> revoke(String token) {
    return pool.preparedQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(hash(token))))
        .mapEmpty();
  }

  private static byte[] hash(String token) {
    return Sha256.of(token);
  }
}
