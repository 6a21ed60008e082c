package dev.shop.common.testing;

import dev.shop.common.db.EmbeddedDatabases;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** One embedded PostgreSQL per test JVM; every caller gets a fresh, empty database. */
public final class TestDatabases {

  private static final AtomicInteger counter = new AtomicInteger();
  private static EmbeddedDatabases postgres;

  private TestDatabases() {
  }

  /** The URL of a new database named after {@code purpose}. */
  public static synchronized String freshDatabase(String purpose) {
    if (postgres == null) {
      try {
        postgres = EmbeddedDatabases.start(null, 0);
      } catch (IOException e) {
        throw new IllegalStateException("Could not start embedded PostgreSQL", e);
      }
      EmbeddedDatabases started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
    }
    return postgres.ensureDatabase(purpose.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + counter.incrementAndGet());
  }

  /** A JDBC connection to a database by its URL as services take it ({@code postgresql://user:pw@host:port/db}). */
  public static Connection connect(String url) throws SQLException {
    URI uri = URI.create(url);
    String[] credentials = uri.getUserInfo().split(":", 2);
    return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(),
        credentials[0], credentials.length > 1 ? credentials[1] : "");
  }
}
