package dev.shop.product.slug;

import dev.shop.common.db.LikePatterns;
import dev.shop.common.db.PgErrors;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.text.Slugs;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Inserts rows whose slug is unique in a table. A derived slug takes the first free suffix and
 * tries the next one when a concurrent insert took it first; an explicit slug that is taken is 409.
 */
public final class UniqueSlugs {

  private static final int ATTEMPTS = 5;

  private final Pool pool;
  private final String table;
  private final String constraint;

  /** {@code table} and {@code constraint} (its unique slug constraint) are names from code. */
  public UniqueSlugs(Pool pool, String table, String constraint) {
    this.pool = pool;
    this.table = table;
    this.constraint = constraint;
  }

  /** Runs {@code insert} with the chosen slug, or a free variant of a derived one. */
  public <T> Future<T> insert(SlugChoice choice, Function<String, Future<T>> insert) {
    if (!choice.derived()) {
      return insert.apply(choice.slug()).recover(failure -> Future.failedFuture(
          PgErrors.isUniqueViolation(failure, constraint) ? taken() : failure));
    }
    return insertDerived(choice.slug(), insert, 1);
  }

  /** The 409 of a slug already in use. */
  public static ShopException taken() {
    return ShopException.conflict("Slug is already in use", List.of(new FieldError("slug", "is already in use")));
  }

  /** Whether {@code failure} is this table's slug conflict. */
  public boolean isConflict(Throwable failure) {
    return PgErrors.isUniqueViolation(failure, constraint);
  }

  private <T> Future<T> insertDerived(String base, Function<String, Future<T>> insert, int attempt) {
    return firstFree(base).compose(insert).recover(failure -> {
      if (isConflict(failure) && attempt < ATTEMPTS) {
        return insertDerived(base, insert, attempt + 1);
      }
      return Future.failedFuture(failure);
    });
  }

  private Future<String> firstFree(String base) {
    return pool.preparedQuery("SELECT slug FROM " + table + " WHERE slug = $1 OR slug LIKE $2")
        .execute(Tuple.of(base, LikePatterns.escape(base) + "-%"))
        .map(rows -> {
          Set<String> taken = new HashSet<>();
          rows.forEach(row -> taken.add(row.getString(0)));
          return Slugs.firstFree(base, taken);
        });
  }
}
