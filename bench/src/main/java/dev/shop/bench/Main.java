package dev.shop.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code java -jar bench.jar reference | run | report}: see bench/run.sh and docs/PERFORMANCE.md. */
public final class Main {

  private static final String USAGE = """
      Usage:
        bench.jar reference --db <postgresql url of shop_product> --port <port> [--pool-size 8]
        bench.jar run --mode <dev|nats> --gateway <http url> --db <postgresql url of shop_product> --results <file>
                      [--reference <http url>] [--connections 64] [--prime 0] [--warmup 5] [--duration 20]
                      [--scenarios a,b] [--platform-pid <pid> [--mixed-at-least 60]] [--reference-pid <pid>] [--nats-pid <pid>]
                      [--flash-sale-buyers 1000]
        bench.jar report <results file>
      Scenarios: %s""".formatted(String.join(", ", BenchRun.ALL));

  private Main() {
  }

  public static void main(String[] args) {
    if (args.length == 0) {
      usage();
    }
    switch (args[0]) {
      case "reference" -> reference(options(args));
      case "run" -> run(options(args));
      case "report" -> {
        if (args.length != 2) {
          usage();
        }
        System.out.print(new Report(new Results(Path.of(args[1])).all()).markdown());
      }
      default -> usage();
    }
  }

  /** Serves until stopped. */
  private static void reference(Map<String, String> options) {
    int port = Integer.parseInt(required(options, "port"));
    Vertx vertx = Vertx.vertx();
    ReferenceServer.deploy(vertx, required(options, "db"), port,
            Integer.parseInt(options.getOrDefault("pool-size", "8")))
        .onSuccess(id -> System.out.println("reference server listening on port " + port))
        .onFailure(failure -> {
          failure.printStackTrace();
          System.exit(1);
        });
  }

  private static void run(Map<String, String> options) {
    String pid = options.get("platform-pid");
    String referencePid = options.get("reference-pid");
    String mixedAtLeast = options.get("mixed-at-least");
    String natsPid = options.get("nats-pid");
    RunSettings settings = new RunSettings(required(options, "mode"), URI.create(required(options, "gateway")),
        required(options, "db"), options.containsKey("reference") ? URI.create(options.get("reference")) : null,
        Integer.parseInt(options.getOrDefault("connections", "64")), seconds(options, "prime", "0"),
        seconds(options, "warmup", "5"), seconds(options, "duration", "20"),
        List.of(options.getOrDefault("scenarios", String.join(",", BenchRun.ALL)).split(",")),
        pid == null ? null : Long.valueOf(pid), referencePid == null ? null : Long.valueOf(referencePid),
        mixedAtLeast == null ? null : Duration.ofSeconds(Long.parseLong(mixedAtLeast)),
        Path.of(required(options, "results")),
        Integer.parseInt(options.getOrDefault("flash-sale-buyers", Integer.toString(BenchRun.FLASH_SALE_BUYERS))),
        natsPid == null ? null : Long.valueOf(natsPid));
    // One event loop: the generator shares two cores with the platform and PostgreSQL.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    vertx.getOrCreateContext().runOnContext(start -> BenchRun.run(vertx, settings).onComplete(done -> {
      if (done.failed()) {
        done.cause().printStackTrace();
      }
      vertx.close().onComplete(closed -> System.exit(done.succeeded() ? 0 : 1));
    }));
  }

  private static Map<String, String> options(String[] args) {
    if (args.length % 2 == 0) {
      usage();
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        usage();
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static Duration seconds(Map<String, String> options, String name, String otherwise) {
    return Duration.ofMillis(Math.round(1000 * Double.parseDouble(options.getOrDefault(name, otherwise))));
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      System.err.println("Missing --" + name);
      usage();
    }
    return value;
  }

  private static void usage() {
    System.err.println(USAGE);
    System.exit(2);
  }
}
