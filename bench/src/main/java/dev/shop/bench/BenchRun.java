package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The scenarios of one mode (dev, nats) in a row, against a running platform; each scenario's
 * figures go to the results file as soon as they exist. run.sh and the CI smoke test both run
 * the benchmark through this class.
 */
final class BenchRun {

  static final String REFERENCE = "reference";
  static final String PRODUCT_BY_ID = "product-by-id";
  static final String LISTING = "listing";
  static final String SEARCH = "search";
  static final String CART_ADD = "cart-add";
  static final String CHECKOUT = "checkout";
  /** A checkout's durable writes alone, on PostgreSQL: the ceiling of checkout on this machine. */
  static final String CHECKOUT_FLOOR = "checkout-floor";
  static final String MIXED = "mixed";
  static final String MIXED_MANY = "mixed-1000";
  static final String MIXED_MANY_BUSY = "mixed-1000-busy";
  static final String OPEN = "product-by-id-open";
  /** The open model on the reference server: the tail this machine gives at that rate at best. */
  static final String REFERENCE_OPEN = "reference-open";
  /** Buyers at once on one product with half as many units ({@link FlashSale}). */
  static final String FLASH_SALE = "flash-sale";
  /** The platform's JVM, as {@link CpuByProcess} names it. */
  static final String PLATFORM_PROCESS = "platform";
  /**
   * Every scenario, in the order a full run measures them. The flash sale comes last: it empties
   * the stock of a product that the checkouts before it might buy.
   */
  static final List<String> ALL = List.of(REFERENCE, PRODUCT_BY_ID, LISTING, SEARCH, CART_ADD, CHECKOUT,
      CHECKOUT_FLOOR, MIXED,
      MIXED_MANY, MIXED_MANY_BUSY, REFERENCE_OPEN, OPEN, FLASH_SALE);
  /** The flash sale's buyers unless told otherwise (issue 29). */
  static final int FLASH_SALE_BUYERS = 1000;

  static final int MANY_CONNECTIONS = 1000;
  /**
   * The mean pause of a shopper of {@value #MANY_CONNECTIONS} between an answer and the next click
   * in {@code mixed-1000}: a thousand shoppers then ask for about a thousand pages a second.
   */
  static final Duration SHOPPER_THINK_TIME = Duration.ofSeconds(1);
  /** The open model's rate, as a share of the reference server's closed-model throughput. */
  static final double OPEN_SHARE_OF_REFERENCE = 0.4;
  /** How many turns the reference and product by id take within their measured time. */
  static final int PAIRED_ROUNDS = 4;
  /** The warm-up of every turn after the first: the connections are new, the servers are warm. */
  private static final Duration TURN_WARMUP = Duration.ofSeconds(1);
  private static final Set<String> CHECKING_OUT = Set.of(CHECKOUT, MIXED, MIXED_MANY, MIXED_MANY_BUSY);
  private static final int MAX_BUYERS = 64;
  private static final int CHECKOUT_PRODUCTS = 500;

  private final Vertx vertx;
  private final RunSettings settings;
  private final Results results;
  private final ProductDatabase database;
  private final Sender setup;

  private BenchRun(Vertx vertx, RunSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.results = new Results(settings.results());
    this.database = new ProductDatabase(vertx, settings.productDatabaseUrl());
    this.setup = new Sender(vertx, settings.gateway(), 8);
  }

  /** Runs the settings' scenarios in order; call it on an event loop of {@code vertx}. */
  static Future<List<ScenarioResult>> run(Vertx vertx, RunSettings settings) {
    for (String scenario : settings.scenarios()) {
      if (!ALL.contains(scenario)) {
        return Future.failedFuture(new IllegalArgumentException("Unknown scenario " + scenario + "; known: " + ALL));
      }
    }
    BenchRun run = new BenchRun(vertx, settings);
    return run.all().eventually(() -> Future.all(run.setup.close(), run.database.close()));
  }

  private Future<List<ScenarioResult>> all() {
    List<ScenarioResult> rows = new ArrayList<>();
    return database.catalogue().compose(this::workloads).compose(workloads -> {
      Future<Void> chain = prime(workloads.traffic());
      for (String scenario : settings.scenarios()) {
        if (scenario.equals(PRODUCT_BY_ID) && pairedWithReference()) {
          continue;  // measured in turns with the reference
        }
        chain = chain.compose(v -> measure(scenario, workloads.catalogue(), workloads.traffic(), workloads.ledger()))
            .compose(measured -> {
              Future<Void> recorded = Future.succeededFuture();
              for (ScenarioResult row : measured) {
                recorded = recorded.compose(v -> withMemory(row)).map(complete -> {
                  results.append(complete);
                  rows.add(complete);
                  System.out.println(Report.progressLine(complete));
                  return null;
                });
              }
              return recorded;
            });
      }
      return chain.map(rows);
    });
  }

  private boolean pairedWithReference() {
    return settings.scenarios().contains(REFERENCE) && settings.scenarios().contains(PRODUCT_BY_ID);
  }

  /** The mode of the reference server's rows measured beside the platform in {@code mode}. */
  static String referenceMode(String mode) {
    return REFERENCE + " (" + mode + ")";
  }

  /** The mode of the rows of PostgreSQL alone ({@link #CHECKOUT_FLOOR}) measured beside the platform in {@code mode}. */
  static String postgresMode(String mode) {
    return "postgres (" + mode + ")";
  }

  /**
   * The platform's mode of a row: its own, or the one beside which the reference server or
   * PostgreSQL alone was measured.
   */
  static String platformMode(String rowMode) {
    int open = rowMode.indexOf(" (");
    return open >= 0 && rowMode.endsWith(")") ? rowMode.substring(open + 2, rowMode.length() - 1) : rowMode;
  }

  /**
   * Unmeasured load until the JIT has compiled the hot paths: the reference server's (when it is
   * measured), the platform's (the mixed journey touches every scenario's code) and the generator's.
   */
  private Future<Void> prime(Workloads traffic) {
    if (settings.prime().isZero()) {
      return Future.succeededFuture();
    }
    System.out.println("priming for " + settings.prime().toSeconds() + " s per server");
    Future<Void> reference = settings.scenarios().contains(REFERENCE)
        ? closed(settings.reference(), traffic.productById(), settings.connections(), settings.warmup(),
            settings.prime()).mapEmpty()
        : Future.succeededFuture();
    Workload platform = checksOut() ? traffic.mixed(MIXED) : traffic.productById();
    return reference.compose(v -> closed(settings.gateway(), platform, settings.connections(), settings.warmup(),
            settings.prime()))
        .mapEmpty();
  }

  /** Whether some scenario checks out: then the priming journey and the traffic need buyers and stock. */
  private boolean checksOut() {
    return settings.scenarios().stream().anyMatch(scenario -> CHECKING_OUT.contains(scenario)
        || scenario.equals(FLASH_SALE));
  }

  /** The traffic, with buyers and a replenished stock when some scenario checks out. */
  private record Prepared(Catalogue catalogue, Workloads traffic, StockLedger ledger) {
  }

  private Future<Prepared> workloads(Catalogue catalogue) {
    if (!checksOut()) {
      return Future.succeededFuture(new Prepared(catalogue, new Workloads(catalogue, List.of(), null), null));
    }
    Accounts accounts = new Accounts(setup);
    StockLedger ledger = StockLedger.draw(catalogue, CHECKOUT_PRODUCTS);
    return accounts.admin()
        .compose(admin -> ledger.replenish(setup, admin, database))
        .compose(v -> accounts.buyers(Math.min(MAX_BUYERS, settings.connections())))
        .map(buyers -> new Prepared(catalogue, new Workloads(catalogue, buyers, ledger), ledger));
  }

  private Future<List<ScenarioResult>> measure(String scenario, Catalogue catalogue, Workloads traffic,
      StockLedger ledger) {
    if (scenario.equals(REFERENCE)) {
      return pairedWithReference() ? referenceInTurnsWithProductById(traffic)
          : closed(settings.reference(), traffic.productById(), settings.connections(), settings.warmup(),
              settings.duration()).map(recorder -> List.of(referenceRow(recorder)));
    }
    return measureOne(scenario, catalogue, traffic, ledger).map(List::of);
  }

  private Future<ScenarioResult> measureOne(String scenario, Catalogue catalogue, Workloads traffic,
      StockLedger ledger) {
    int connections = settings.connections();
    return switch (scenario) {
      case PRODUCT_BY_ID -> closed(traffic.productById(), connections);
      case LISTING -> closed(traffic.listing(), connections)
          .compose(row -> ListingTotals.check(setup, database, catalogue).map(note -> row.with(null, null, note)));
      case SEARCH -> closed(traffic.search(), connections);
      case CART_ADD -> closed(traffic.cartAdd(), connections);
      case CHECKOUT -> audited(ledger, () -> splitByProcess(() -> closed(traffic.checkout(), connections)));
      case CHECKOUT_FLOOR -> splitByProcess(() -> new CheckoutFloor(vertx, settings.productDatabaseUrl())
          .run(connections, settings.warmup(), settings.duration())
          .map(recorder -> recorder.result(CHECKOUT_FLOOR, postgresMode(settings.mode()), connections + " conn")));
      case MIXED -> audited(ledger, () -> mixedForMemory(traffic));
      case MIXED_MANY -> audited(ledger, () -> closed(traffic.mixed(MIXED_MANY), MANY_CONNECTIONS, SHOPPER_THINK_TIME));
      case MIXED_MANY_BUSY -> audited(ledger, () -> closed(traffic.mixed(MIXED_MANY_BUSY), MANY_CONNECTIONS));
      case REFERENCE_OPEN -> open(traffic, settings.reference(), referenceMode(settings.mode()));
      case OPEN -> open(traffic, settings.gateway(), settings.mode());
      case FLASH_SALE -> new FlashSale(vertx, settings, setup, database).run(catalogue);
      default -> throw new IllegalStateException(scenario);
    };
  }

  /**
   * The reference server and the platform's product by id, in {@link #PAIRED_ROUNDS} turns each:
   * the machine's speed drifts over minutes (other builds, the host), and taking turns puts the
   * drift on both figures alike, where two windows one after the other would put it on one.
   */
  private Future<List<ScenarioResult>> referenceInTurnsWithProductById(Workloads traffic) {
    Duration turn = settings.duration().dividedBy(PAIRED_ROUNDS);
    Duration laterWarmup = settings.warmup().compareTo(TURN_WARMUP) < 0 ? settings.warmup() : TURN_WARMUP;
    List<Recorder> reference = new ArrayList<>();
    List<Recorder> platform = new ArrayList<>();
    int connections = settings.connections();
    Future<Void> chain = Future.succeededFuture();
    for (int round = 0; round < PAIRED_ROUNDS; round++) {
      Duration warmup = round == 0 ? settings.warmup() : laterWarmup;
      chain = chain
          .compose(v -> closed(settings.reference(), traffic.productById(), connections, warmup, turn))
          .compose(recorder -> {
            reference.add(recorder);
            return closed(settings.gateway(), traffic.productById(), connections, warmup, turn);
          })
          .map(recorder -> {
            platform.add(recorder);
            return null;
          });
    }
    return chain.map(v -> List.of(referenceRow(Recorder.combined(reference)),
        Recorder.combined(platform).result(PRODUCT_BY_ID, settings.mode(), connections + " conn")));
  }

  private ScenarioResult referenceRow(Recorder recorder) {
    return recorder.result(PRODUCT_BY_ID, referenceMode(settings.mode()), settings.connections() + " conn");
  }

  private Future<ScenarioResult> closed(Workload workload, int users) {
    return closed(workload, users, Duration.ZERO);
  }

  private Future<ScenarioResult> closed(Workload workload, int users, Duration meanThink) {
    String load = users + " conn" + (meanThink.isZero() ? "" : ", think " + meanThink.toMillis() + " ms");
    return closed(settings.gateway(), workload, users, meanThink, settings.warmup(), settings.duration())
        .map(recorder -> recorder.result(workload.name(), settings.mode(), load));
  }

  private Future<Recorder> closed(URI server, Workload workload, int users, Duration warmup, Duration duration) {
    return closed(server, workload, users, Duration.ZERO, warmup, duration);
  }

  private Future<Recorder> closed(URI server, Workload workload, int users, Duration meanThink, Duration warmup,
      Duration duration) {
    if (server == null) {
      return Future.failedFuture(new IllegalArgumentException("The reference scenario needs --reference URL"));
    }
    Sender sender = new Sender(vertx, server, users);
    return ClosedLoad.run(vertx, sender, workload, users, meanThink, warmup, duration, pidOf(server))
        .eventually(sender::close);
  }

  /** The process serving {@code server}, when known: its CPU time is recorded. */
  private Long pidOf(URI server) {
    return server.equals(settings.reference()) ? settings.referencePid() : settings.platformPid();
  }

  /** The mixed journey; when memory is watched, long enough for the reading to follow a minute of it. */
  private Future<ScenarioResult> mixedForMemory(Workloads traffic) {
    Duration duration = settings.duration();
    if (settings.platformPid() != null && settings.mixedAtLeast() != null) {
      Duration needed = settings.mixedAtLeast().minus(settings.warmup());
      duration = needed.compareTo(duration) > 0 ? needed : duration;
    }
    int users = settings.connections();
    return closed(settings.gateway(), traffic.mixed(MIXED), users, settings.warmup(), duration)
        .map(recorder -> recorder.result(MIXED, settings.mode(), users + " conn"));
  }

  /**
   * Runs a scenario whose measured window opens after the warm-up, and notes its CPU time per
   * request split among the processes it went through ({@link CpuByProcess}): where a checkout's
   * cost lies, which one process's CPU cannot say.
   */
  private Future<ScenarioResult> splitByProcess(Supplier<Future<ScenarioResult>> scenario) {
    if (settings.platformPid() == null) {
      return scenario.get();
    }
    Map<String, Long> named = new LinkedHashMap<>();
    named.put(PLATFORM_PROCESS, settings.platformPid());
    named.put("nats-server", settings.natsPid());
    named.put("generator", ProcessHandle.current().pid());
    Promise<CpuByProcess.Snapshot> opened = Promise.promise();
    Promise<CpuByProcess.Snapshot> closed = Promise.promise();
    long warmupMs = settings.warmup().toMillis();
    vertx.setTimer(Math.max(1, warmupMs), id -> CpuByProcess.take(database, named).onComplete(opened));
    vertx.setTimer(warmupMs + settings.duration().toMillis(),
        id -> CpuByProcess.take(database, named).onComplete(closed));
    return scenario.get().compose(row -> Future.all(opened.future(), closed.future())
        .map(both -> row.with(null, null, CpuByProcess.note(CpuByProcess.between(opened.future().result(),
            closed.future().result()), row.requests(), named.keySet())))
        .otherwise(row));
  }

  /** Runs a scenario that checks out, then audits the stock for oversold units. */
  private Future<ScenarioResult> audited(StockLedger ledger, Supplier<Future<ScenarioResult>> scenario) {
    return ledger.open(database).compose(v -> scenario.get())
        .compose(row -> ledger.oversoldUnits(database).map(oversold -> row.with(oversold, null, "")));
  }

  /** Product by id at a fixed share of the reference's throughput, on {@code server}; its row is in {@code mode}. */
  private Future<ScenarioResult> open(Workloads traffic, URI server, String mode) {
    ScenarioResult reference = results.reference(settings.mode()).orElse(null);
    if (reference == null || reference.requestsPerSecond() == 0 || server == null) {
      return Future.failedFuture(new IllegalStateException(
          "The open model runs at a share of the reference's throughput: measure the reference first"));
    }
    double rate = Math.round(OPEN_SHARE_OF_REFERENCE * reference.requestsPerSecond());
    Sender sender = new Sender(vertx, server, settings.connections());
    Shopper shopper = traffic.productById().shoppers().apply(0);
    return OpenLoad.run(vertx, sender, shopper, rate, settings.warmup(), settings.duration(), pidOf(server))
        .eventually(sender::close)
        .map(recorder -> recorder.result(OPEN, mode, String.format("%.0f req/s", rate)));
  }

  /** The platform's resident memory on a row of the platform's (the reference server's rows have none). */
  private Future<ScenarioResult> withMemory(ScenarioResult row) {
    if (settings.platformPid() == null || !row.mode().equals(settings.mode())) {
      return Future.succeededFuture(row);
    }
    return ResidentMemory.of(vertx, settings.platformPid()).map(megabytes -> row.with(null, megabytes, ""));
  }
}
