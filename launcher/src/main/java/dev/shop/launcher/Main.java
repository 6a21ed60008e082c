package dev.shop.launcher;

import dev.shop.common.config.ShopConfig;
import dev.shop.common.metrics.Metrics;
import dev.shop.gateway.GatewaySettings;
import dev.shop.product.ProductVerticle;
import dev.shop.product.seed.Seeder;
import dev.shop.user.UserSettings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar shop.jar}: starts the platform as configured ({@code conf/}, then environment
 * variables) and stops it cleanly on Ctrl-C or SIGTERM.
 */
public final class Main {

  /** Once requests had their time to drain: for the services, their consumers, relays and pools to stop. */
  private static final Duration STOP_AFTER_DRAIN = Duration.ofSeconds(20);

  private Main() {
  }

  public static void main(String[] args) {
    if ("json".equalsIgnoreCase(System.getenv("SHOP_LOG_FORMAT"))) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    if (args.length > 0 && args[0].equals("seed")) {
      seed(log, args);
      return;
    }
    if (args.length > 0 && !args[0].equals("serve")) {
      usage();
    }
    Vertx vertx = Metrics.vertx();
    ShopConfig.load(vertx, new JsonObject())
        .compose(config -> Platform.start(vertx, config).onSuccess(platform -> {
          registerShutdown(vertx, platform, GatewaySettings.from(config).drain().plus(STOP_AFTER_DRAIN));
          announce(log, config, platform);
        }))
        .onFailure(failure -> {
          log.atError().setCause(failure).log("start-up failed");
          vertx.close().onComplete(done -> System.exit(1));
        });
  }

  /** {@code seed [--products N]}: fills the catalogue, then exits. */
  private static void seed(Logger log, String[] args) {
    int products = 1000;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--products") && i + 1 < args.length && args[i + 1].matches("\\d{1,7}")) {
        products = Integer.parseInt(args[++i]);
      } else {
        usage();
      }
    }
    int count = products;
    Vertx vertx = Vertx.vertx();
    // Vert.x's threads keep the JVM up until the seeding is done; then it exits with its outcome.
    // The launcher finds the product database (embedded in dev mode); the product service seeds it.
    ShopConfig.load(vertx, new JsonObject())
        .compose(config -> ServiceDatabases.resolve(vertx, config, List.of(ProductVerticle.SERVICE)))
        .compose(databases -> Seeder.seed(vertx, databases.config(), count).eventually(() -> databases.close(vertx)))
        .onComplete(result -> {
          if (result.succeeded()) {
            log.atInfo().addKeyValue("products", result.result()).log("catalogue seeded");
          } else {
            log.atError().setCause(result.cause()).log("seeding failed");
          }
          vertx.close().onComplete(closed -> System.exit(result.succeeded() ? 0 : 1));
        });
  }

  private static void usage() {
    System.err.println("Usage: java -jar shop.jar [serve | seed [--products N]]");
    System.exit(2);
  }

  private static void announce(Logger log, ShopConfig config, Platform platform) {
    if (platform.httpPort() < 0) {
      log.atInfo().addKeyValue("bus", platform.busKind()).log("services ready");
      return;
    }
    String admin = UserSettings.from(config).adminEmail();
    String root = "http://localhost:" + platform.httpPort();
    log.atInfo().addKeyValue("bus", platform.busKind()).addKeyValue("port", platform.httpPort())
        .log("Shop platform listening on " + root + ": API docs at " + root + "/docs/, operator console at "
            + root + "/admin/"
            + (admin == null ? " (no administrator configured: set SHOP_ADMIN_EMAIL and SHOP_ADMIN_PASSWORD)"
                : "; log in as admin (console or POST /auth/login) with {\"email\":\"" + admin
                    + "\",\"password\":<SHOP_ADMIN_PASSWORD>} (dev default in README)"));
  }

  private static void registerShutdown(Vertx vertx, Platform platform, Duration bound) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      CountDownLatch stopped = new CountDownLatch(1);
      // Close Vert.x only once the platform is down: its event loops deliver the platform's callbacks.
      platform.close().onComplete(closed -> vertx.close().onComplete(done -> stopped.countDown()));
      // The JVM halts when its shutdown hooks return: this hook thread (never an event loop) waits
      // for requests in flight to drain, bounded so a stuck drain cannot hang the exit.
      try {
        stopped.await(bound.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "shop-shutdown"));
  }
}
