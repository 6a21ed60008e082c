package dev.shop.common.db;

import dev.shop.common.text.Redacted;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's database: migrations from {@code db/migration/<service>} applied with Flyway (on a
 * worker thread), then a reactive pool. URLs are {@code postgresql://user:password@host:port/db}.
 */
public final class Database {

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private Database() {
  }

  public static Future<Pool> migrateAndConnect(Vertx vertx, String service, String url, int poolSize) {
    return migrate(vertx, service, url).map(v -> connect(vertx, service, url, poolSize));
  }

  /** Applies the service's migrations and the shared event tables' (on a worker thread). */
  public static Future<Void> migrate(Vertx vertx, String service, String url) {
    PgConnectOptions connect = connectOptions(url);
    return vertx.executeBlocking(() -> {
      migrate(service, connect);
      return null;
    }, false);
  }

  /**
   * The service's pool, shared by name: every instance of the service in this Vert.x uses one pool
   * of {@code poolSize} connections to its database.
   */
  public static Pool connect(Vertx vertx, String service, String url, int poolSize) {
    PgConnectOptions connect = connectOptions(url).setCachePreparedStatements(true);
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize).setShared(true).setName("shop-" + service + "@"
            + connect.getHost() + ":" + connect.getPort() + "/" + connect.getDatabase()))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }

  /**
   * The options of a {@code postgresql://} URL; one that cannot be read is refused with a message
   * that does not repeat its password (the client's own quotes the whole URL).
   */
  public static PgConnectOptions connectOptions(String url) {
    try {
      return PgConnectOptions.fromUri(url);
    } catch (RuntimeException unreadable) {
      throw new IllegalArgumentException("Not a PostgreSQL URL: " + Redacted.urls(url));
    }
  }

  private static void migrate(String service, PgConnectOptions connect) {
    String jdbcUrl = "jdbc:postgresql://" + connect.getHost() + ":" + connect.getPort() + "/" + connect.getDatabase();
    var result = Flyway.configure()
        .dataSource(jdbcUrl, connect.getUser(), connect.getPassword())
        .locations("classpath:db/migration/" + service)
        .load()
        .migrate();
    // The event tables (outbox, applied events, dead letters) every service shares, in a history
    // table of their own so that they never clash with the service's version numbers.
    Flyway.configure()
        .dataSource(jdbcUrl, connect.getUser(), connect.getPassword())
        .locations("classpath:db/migration/events")
        .table("flyway_events_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    log.atInfo().addKeyValue("service", service).addKeyValue("database", connect.getDatabase())
        .addKeyValue("applied", result.migrationsExecuted).addKeyValue("version", result.targetSchemaVersion)
        .log("database migrated");
  }
}
