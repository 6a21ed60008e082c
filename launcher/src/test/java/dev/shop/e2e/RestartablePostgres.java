package dev.shop.e2e;

import dev.shop.common.testing.TestDatabases;
import dev.shop.launcher.EmbeddedDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL of a test's own, which it stops and starts again on the same port and
 * data directory, as an operator restarts a database server. Blocking.
 */
public final class RestartablePostgres implements AutoCloseable {

  /** How long a stopped server may take to exit: its last checkpoint is written on a busy disk. */
  private static final long EXIT_WAIT_MS = 60_000;

  private final Path dataDirectory;
  private final int port;
  private EmbeddedDatabases running;

  private RestartablePostgres(Path dataDirectory, EmbeddedDatabases running) {
    this.dataDirectory = dataDirectory;
    this.port = running.port();
    this.running = running;
  }

  /** A server on a free port, keeping its files (and fsync) in a directory of its own. */
  public static RestartablePostgres start() throws IOException {
    Path directory = Files.createTempDirectory("restartable-postgres");
    return new RestartablePostgres(directory, EmbeddedDatabases.start(directory, 0));
  }

  /** The URL of the database {@code name}, created when it does not exist; the server is running. */
  public String database(String name) {
    return running.ensureDatabase(name);
  }

  /**
   * Writes what is dirty while still serving (a checkpoint), so the stop that follows is the fast
   * shutdown alone: after databases were just created and migrated, its own checkpoint takes
   * seconds during which every connection is refused.
   */
  public void checkpoint() throws SQLException {
    try (Connection connection = TestDatabases.connect(database("postgres"));
        Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
    }
  }

  /**
   * Stops the server with a fast shutdown (sessions ended, a last checkpoint) and waits until it
   * has exited: it removes its pid file last.
   */
  public void stop() throws IOException, InterruptedException {
    running.close();
    running = null;
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    long deadline = System.currentTimeMillis() + EXIT_WAIT_MS;
    while (Files.exists(pidFile)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("PostgreSQL did not exit within " + EXIT_WAIT_MS + " ms");
      }
      Thread.sleep(50);
    }
  }

  /** Starts the stopped server again on its port and data directory; answers once it accepts connections. */
  public void startAgain() throws IOException {
    running = EmbeddedDatabases.start(dataDirectory, port);
  }

  @Override
  public void close() throws IOException {
    if (running != null) {
      running.close();
      running = null;
    }
  }
}
