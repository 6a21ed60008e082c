package dev.shop.common.db;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.Set;

/** Recognises the PostgreSQL errors a repository turns into answers (SQLSTATE codes). */
public final class PgErrors {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";
  /** SQLSTATE class 08: connection exceptions. */
  private static final String CONNECTION_EXCEPTION_CLASS = "08";
  /** admin_shutdown, crash_shutdown, cannot_connect_now (shutting down, starting up, recovering). */
  private static final Set<String> SERVER_AWAY = Set.of("57P01", "57P02", "57P03");
  /**
   * How the SQL client fails a command given to a connection that closed after the pool lent it
   * (a plain VertxException: the message is all that tells it apart).
   */
  private static final String NOT_ACTIVE = "Connection is not active now";

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

  /**
   * Whether the database is away, not the request wrong: its connection was refused, reset or lost
   * (a service's only I/O besides the bus is its database; also while a command was on its way to a
   * connection that just closed), or the server is shutting down,
   * starting up or recovering. The same request may succeed once it is back.
   */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException || cause instanceof ClosedConnectionException
          || cause instanceof VertxException && cause.getMessage() != null && cause.getMessage().startsWith(NOT_ACTIVE)
          || cause instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith(CONNECTION_EXCEPTION_CLASS) || SERVER_AWAY.contains(pg.getSqlState()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a failed transaction certainly wrote nothing: PostgreSQL answered it with an error, so
   * it was rolled back. A connection lost on the way (during COMMIT too) or a server going away
   * leaves the outcome unknown: the transaction may have committed.
   */
  public static boolean certainlyRolledBack(Throwable failure) {
    return failure instanceof PgException && !isUnavailable(failure);
  }

  private static boolean hasState(Throwable failure, String sqlState) {
    return failure instanceof PgException pg && sqlState.equals(pg.getSqlState());
  }
}
