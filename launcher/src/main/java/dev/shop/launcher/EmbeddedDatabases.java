package dev.shop.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from Maven-provided binaries, for dev mode: one server, one
 * database per service. Blocking: call it from the launcher's main thread or a worker.
 */
public final class EmbeddedDatabases implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabases.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabases(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL keeping its files in {@code dataDirectory} (kept across restarts), or in a
   * throw-away directory when it is null. Port 0 picks a free port.
   */
  public static EmbeddedDatabases start(Path dataDirectory, int port) throws IOException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setPGStartupWait(java.time.Duration.ofSeconds(60))
        .setServerConfig("max_connections", "300")
        .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
        // A service's tables start empty here, and a statement's cached plan made while one is tiny
        // (a scan of the whole outbox to mark a few events published) stays until autovacuum first
        // analyzes it: within 10 s rather than PostgreSQL's default minute, which cost a fresh
        // platform's first minute of checkouts about a third of their throughput (docs/PERFORMANCE.md).
        .setServerConfig("autovacuum_naptime", "10s");
    if (dataDirectory != null) {
      Files.createDirectories(dataDirectory);
      builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
    }
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres postgres = builder.start();
    log.atInfo().addKeyValue("port", postgres.getPort())
        .addKeyValue("dataDirectory", dataDirectory == null ? "temporary" : dataDirectory.toString())
        .log("embedded PostgreSQL started");
    return new EmbeddedDatabases(postgres);
  }

  /** Creates the database when it does not exist and answers its URL. */
  public String ensureDatabase(String name) {
    try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
      boolean exists;
      try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        query.setString(1, name);
        try (ResultSet rows = query.executeQuery()) {
          exists = rows.next();
        }
      }
      if (!exists) {
        try (Statement create = connection.createStatement()) {
          create.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
    return "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/" + name;
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    log.info("embedded PostgreSQL stopped");
  }
}
