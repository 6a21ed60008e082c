package dev.shop.common.testing;

import dev.shop.common.db.EmbeddedDatabases;
import java.io.IOException;
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
}
