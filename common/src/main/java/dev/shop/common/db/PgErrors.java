package dev.shop.common.db;

import io.vertx.pgclient.PgException;

/** Recognises the PostgreSQL errors a repository turns into answers (SQLSTATE codes). */
public final class PgErrors {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private PgErrors() {
  }

  public static boolean isUniqueViolation(Throwable failure) {
    return hasState(failure, UNIQUE_VIOLATION);
  }

  /** A unique violation of the named constraint (or unique index). */
  public static boolean isUniqueViolation(Throwable failure, String constraint) {
    return isUniqueViolation(failure) && constraint.equals(((PgException) failure).getConstraint());
  }

  /** A foreign key violation of the named constraint. */
  public static boolean isForeignKeyViolation(Throwable failure, String constraint) {
    return hasState(failure, FOREIGN_KEY_VIOLATION) && constraint.equals(((PgException) failure).getConstraint());
  }

  private static boolean hasState(Throwable failure, String sqlState) {
    return failure instanceof PgException pg && sqlState.equals(pg.getSqlState());
  }
}
