package dev.shop.user.account;

import dev.shop.common.db.LikePatterns;
import dev.shop.common.db.PgErrors;
import dev.shop.common.db.Rows;
import dev.shop.common.db.Transactions;
import dev.shop.common.error.ShopException;
import dev.shop.common.event.Outbox;
import dev.shop.common.id.Ids;
import dev.shop.contract.user.UserEvents;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of user accounts; an account's {@code created_at} and {@code updated_at} come from the service's clock. */
public final class UserRepository {

  private final Pool pool;
  private final Outbox outbox;
  private final Clock clock;

  public UserRepository(Pool pool, Outbox outbox, Clock clock) {
    this.pool = pool;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Creates the account and its {@code user.registered} event; 409 when the email is taken. */
  public Future<User> insert(NewUser user) {
    return Transactions.inTransaction(pool, tx -> tx.preparedQuery("INSERT INTO users (id, email, password_hash, full_name, "
                + "phone, role, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING " + User.COLUMNS)
            .execute(Tuple.of(Ids.newId(), user.email(), user.passwordHash(), user.fullName(), user.phone(),
                user.role().name(), OffsetDateTime.now(clock)))
            .map(rows -> User.from(rows.iterator().next()))
            .compose(created -> outbox.append(tx, UserEvents.REGISTERED, created.toRegisteredEvent()).map(created)))
        .recover(failure -> Future.failedFuture(PgErrors.isUniqueViolation(failure)
            ? ShopException.conflict("Email is already registered")
            : failure));
  }

  public Future<Optional<User>> findById(UUID id) {
    return pool.preparedQuery("SELECT " + User.COLUMNS + " FROM users WHERE id = $1")
        .execute(Tuple.of(id))
        .map(UserRepository::first);
  }

  /** The users of {@code ids} that exist, in no particular order. */
  public Future<List<User>> findByIds(List<UUID> ids) {
    return pool.preparedQuery("SELECT " + User.COLUMNS + " FROM users WHERE id = ANY($1)")
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(rows -> Rows.all(rows, User::from));
  }

  public Future<Optional<User>> findByEmail(String email) {
    return pool.preparedQuery("SELECT " + User.COLUMNS + " FROM users WHERE email = $1")
        .execute(Tuple.of(email))
        .map(UserRepository::first);
  }

  /** A page of users, newest first, optionally those whose email or name contains {@code search}. */
  public Future<List<User>> list(String search, int limit, long offset) {
    return pool.preparedQuery("SELECT " + User.COLUMNS + " FROM users "
            + "WHERE $1::text IS NULL OR email ILIKE $1 OR full_name ILIKE $1 "
            + "ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3")
        .execute(Tuple.of(LikePatterns.contains(search), limit, offset))
        .map(rows -> Rows.all(rows, User::from));
  }

  public Future<Long> count(String search) {
    return pool.preparedQuery("SELECT count(*) FROM users WHERE $1::text IS NULL OR email ILIKE $1 OR full_name ILIKE $1")
        .execute(Tuple.of(LikePatterns.contains(search)))
        .map(Rows::singleLong);
  }

  /**
   * Applies the changes; empty when the user does not exist. Deactivating also revokes every
   * live refresh token of the account, in the same transaction: the user's row first, then its
   * tokens, as a refresh takes them (LOCKING.md), so a refresh at the same time cannot slip a new
   * token past the revocation.
   */
  public Future<Optional<User>> update(UUID id, UserChanges changes) {
    return Transactions.inTransaction(pool, connection -> connection.preparedQuery("UPDATE users SET "
            + "full_name = COALESCE($2, full_name), "
            + "phone = CASE WHEN $3 THEN $4 ELSE phone END, "
            + "role = COALESCE($5, role), "
            + "is_active = COALESCE($6, is_active), "
            + "updated_at = $7 "
            + "WHERE id = $1 RETURNING " + User.COLUMNS)
        .execute(Tuple.of(id, changes.fullName(), changes.phoneGiven(), changes.phone(),
            changes.role() == null ? null : changes.role().name(), changes.active(), OffsetDateTime.now(clock)))
        .compose(rows -> {
          Optional<User> updated = first(rows);
          if (updated.isEmpty() || !Boolean.FALSE.equals(changes.active())) {
            return Future.succeededFuture(updated);
          }
          return connection.preparedQuery(
                  "UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL "
                      // Expired tokens are useless already, and the pruning's alone to lock (LOCKING.md).
                      + "AND expires_at > now()")
              .execute(Tuple.of(id))
              .map(updated);
        }));
  }

  private static Optional<User> first(RowSet<Row> rows) {
    return Rows.first(rows, User::from);
  }
}
