package dev.shop.common.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM (fsync off, files thrown away); every caller gets a fresh,
 * empty database. Dev mode's embedded PostgreSQL is the launcher's: tests take the binaries as
 * test-scoped dependencies, so no service's jar carries them.
 */
public final class TestDatabases {

  private static final AtomicInteger counter = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {
  }

  /** The URL of a new database named after {@code purpose}. */
  public static synchronized String freshDatabase(String purpose) {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder()
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("max_connections", "300")
            .setServerConfig("fsync", "off")
            .start();
      } catch (IOException e) {
        throw new IllegalStateException("Could not start embedded PostgreSQL", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
    }
    String name = purpose.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + counter.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement create = connection.createStatement()) {
      create.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
    return "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/" + name;
  }

  /** A JDBC connection to a database by its URL as services take it ({@code postgresql://user:pw@host:port/db}). */
  public static Connection connect(String url) throws SQLException {
    URI uri = URI.create(url);
    String[] credentials = uri.getUserInfo().split(":", 2);
    return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(),
        credentials[0], credentials.length > 1 ? credentials[1] : "");
  }
}
