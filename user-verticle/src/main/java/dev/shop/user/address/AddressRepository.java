package dev.shop.user.address;

import dev.shop.common.db.Rows;
import dev.shop.common.db.Transactions;
import dev.shop.common.id.Ids;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The SQL of addresses. Every change runs in a transaction that first locks the owner's user row
 * (FOR NO KEY UPDATE, as an update of the account does; LOCKING.md), so concurrent changes of one
 * user's addresses queue up and exactly one default remains.
 */
public final class AddressRepository {

  private final Pool pool;
  /** Of an address's {@code created_at}. */
  private final Clock clock;

  public AddressRepository(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** The user's addresses, default first, then newest first. */
  public Future<List<Address>> list(UUID userId) {
    return pool.preparedQuery("SELECT " + Address.COLUMNS + " FROM addresses WHERE user_id = $1 "
            + "ORDER BY is_default DESC, created_at DESC, id DESC")
        .execute(Tuple.of(userId))
        .map(rows -> Rows.all(rows, Address::from));
  }

  public Future<Optional<Address>> find(UUID userId, UUID id) {
    return pool.preparedQuery("SELECT " + Address.COLUMNS + " FROM addresses WHERE id = $1 AND user_id = $2")
        .execute(Tuple.of(id, userId))
        .map(AddressRepository::first);
  }

  /** Any user's address (an administrator's view of an order names it). */
  public Future<Optional<Address>> findAny(UUID id) {
    return pool.preparedQuery("SELECT " + Address.COLUMNS + " FROM addresses WHERE id = $1")
        .execute(Tuple.of(id))
        .map(AddressRepository::first);
  }

  /** Adds an address; it becomes the default when asked to or when it is the user's first. */
  public Future<Address> insert(UUID userId, AddressFields fields, boolean makeDefault) {
    return forUser(userId, connection -> connection
        .preparedQuery("SELECT NOT EXISTS (SELECT 1 FROM addresses WHERE user_id = $1)")
        .execute(Tuple.of(userId))
        .compose(rows -> {
          boolean isDefault = makeDefault || rows.iterator().next().getBoolean(0);
          Future<Void> cleared = isDefault ? clearDefault(connection, userId) : Future.succeededFuture();
          return cleared.compose(v -> connection.preparedQuery("INSERT INTO addresses "
                  + "(id, user_id, full_name, phone, street, ward, district, city, is_default, created_at) "
                  + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING " + Address.COLUMNS)
              .execute(Tuple.from(new Object[] {Ids.newId(), userId, fields.fullName(), fields.phone(),
                  fields.street(), fields.ward(), fields.district(), fields.city(), isDefault,
                  OffsetDateTime.now(clock)})));
        })
        .map(rows -> Address.from(rows.iterator().next())));
  }

  /**
   * Changes the fields given; {@code makeDefault} true makes it the default, false hands the
   * default to the newest other address (if any). Empty when the user has no such address.
   */
  public Future<Optional<Address>> update(UUID userId, UUID id, AddressFields fields, Boolean makeDefault) {
    return forUser(userId, connection -> {
      Future<Void> before = Boolean.TRUE.equals(makeDefault) ? clearDefault(connection, userId, id)
          : Future.succeededFuture();
      return before.compose(v -> connection.preparedQuery("UPDATE addresses SET "
              + "full_name = COALESCE($3, full_name), phone = COALESCE($4, phone), street = COALESCE($5, street), "
              + "ward = COALESCE($6, ward), district = COALESCE($7, district), city = COALESCE($8, city), "
              + "is_default = CASE WHEN $9::boolean THEN true ELSE is_default END "
              + "WHERE id = $1 AND user_id = $2 RETURNING " + Address.COLUMNS)
          .execute(Tuple.from(new Object[] {id, userId, fields.fullName(), fields.phone(), fields.street(),
              fields.ward(), fields.district(), fields.city(), Boolean.TRUE.equals(makeDefault)})))
          .compose(rows -> {
            Optional<Address> updated = first(rows);
            if (updated.isPresent() && Boolean.FALSE.equals(makeDefault) && updated.get().isDefault()) {
              return handDefaultOver(connection, userId, id).compose(handed -> handed
                  ? find(connection, userId, id)
                  : Future.succeededFuture(updated));
            }
            return Future.succeededFuture(updated);
          });
    });
  }

  /** Makes the address the user's only default; empty when the user has no such address. */
  public Future<Optional<Address>> makeDefault(UUID userId, UUID id) {
    return update(userId, id, new AddressFields(null, null, null, null, null, null), true);
  }

  /** Deletes the address; a deleted default hands over to the newest other one. */
  public Future<Boolean> delete(UUID userId, UUID id) {
    return forUser(userId, connection -> connection
        .preparedQuery("DELETE FROM addresses WHERE id = $1 AND user_id = $2 RETURNING is_default")
        .execute(Tuple.of(id, userId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          boolean wasDefault = rows.iterator().next().getBoolean(0);
          return wasDefault ? handDefaultOver(connection, userId, id).map(true) : Future.succeededFuture(true);
        }));
  }

  private <T> Future<T> forUser(UUID userId, Function<SqlConnection, Future<T>> work) {
    return Transactions.inTransaction(pool, connection -> connection
        .preparedQuery("SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE")
        .execute(Tuple.of(userId))
        .compose(v -> work.apply(connection)));
  }

  private static Future<Void> clearDefault(SqlConnection connection, UUID userId) {
    return clearDefault(connection, userId, null);
  }

  private static Future<Void> clearDefault(SqlConnection connection, UUID userId, UUID except) {
    return connection.preparedQuery("UPDATE addresses SET is_default = false "
            + "WHERE user_id = $1 AND is_default AND ($2::uuid IS NULL OR id <> $2)")
        .execute(Tuple.of(userId, except))
        .mapEmpty();
  }

  /**
   * Moves the default from {@code from} to the newest other address; false (and {@code from} stays
   * the default) when there is none. Two statements, since the one-default index is checked per row.
   */
  private static Future<Boolean> handDefaultOver(SqlConnection connection, UUID userId, UUID from) {
    return connection.preparedQuery("SELECT id FROM addresses WHERE user_id = $1 AND id <> $2 "
            + "ORDER BY created_at DESC, id DESC LIMIT 1")
        .execute(Tuple.of(userId, from))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          UUID next = rows.iterator().next().getUUID(0);
          return connection.preparedQuery("UPDATE addresses SET is_default = false WHERE id = $1")
              .execute(Tuple.of(from))
              .compose(v -> connection.preparedQuery("UPDATE addresses SET is_default = true WHERE id = $1")
                  .execute(Tuple.of(next)))
              .map(true);
        });
  }

  private static Future<Optional<Address>> find(SqlConnection connection, UUID userId, UUID id) {
    return connection.preparedQuery("SELECT " + Address.COLUMNS + " FROM addresses WHERE id = $1 AND user_id = $2")
        .execute(Tuple.of(id, userId))
        .map(AddressRepository::first);
  }

  private static Optional<Address> first(RowSet<Row> rows) {
    return Rows.first(rows, Address::from);
  }
}
