package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  static final String MIXED = "mixed";
  static final String MIXED_MANY = "mixed-1000";
  static final String MIXED_MANY_BUSY = "mixed-1000-busy";
  static final String OPEN = "product-by-id-open";
  /** The open model on the reference server: the tail this machine gives at that rate at best. */
  static final String REFERENCE_OPEN = "reference-open";
  /** Every scenario, in the order a full run measures them. */
  static final List<String> ALL = List.of(REFERENCE, PRODUCT_BY_ID, LISTING, SEARCH, CART_ADD, CHECKOUT, MIXED,
      MIXED_MANY, MIXED_MANY_BUSY, REFERENCE_OPEN, OPEN);

  static final int MANY_CONNECTIONS = 1000;
  /**
   * The mean pause of a shopper of {@value #MANY_CONNECTIONS} between an answer and the next click
   * in {@code mixed-1000}: a thousand shoppers then ask for about a thousand pages a second.
   */
  static final Duration SHOPPER_THINK_TIME = Duration.ofSeconds(1);
  /** The open model's rate, as a share of the reference server's closed-model throughput. */
  static final double OPEN_SHARE_OF_REFERENCE = 0.4;
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
        chain = chain.compose(v -> measure(scenario, workloads.catalogue(), workloads.traffic(), workloads.ledger()))
            .compose(this::withMemory)
            .map(row -> {
              results.append(row);
              rows.add(row);
              System.out.println(Report.progressLine(row));
              return null;
            });
      }
      return chain.map(rows);
    });
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
        ? closed(settings.reference(), traffic.productById(), settings.connections(), settings.prime()).mapEmpty()
        : Future.succeededFuture();
    Workload platform = settings.scenarios().stream().anyMatch(CHECKING_OUT::contains)
        ? traffic.mixed(MIXED) : traffic.productById();
    return reference.compose(v -> closed(settings.gateway(), platform, settings.connections(), settings.prime()))
        .mapEmpty();
  }

  /** The traffic, with buyers and a replenished stock when some scenario checks out. */
  private record Prepared(Catalogue catalogue, Workloads traffic, StockLedger ledger) {
  }

  private Future<Prepared> workloads(Catalogue catalogue) {
    if (settings.scenarios().stream().noneMatch(CHECKING_OUT::contains)) {
      return Future.succeededFuture(new Prepared(catalogue, new Workloads(catalogue, List.of(), null), null));
    }
    Accounts accounts = new Accounts(setup);
    StockLedger ledger = StockLedger.draw(catalogue, CHECKOUT_PRODUCTS);
    return accounts.admin()
        .compose(admin -> ledger.replenish(setup, admin, database))
        .compose(v -> accounts.buyers(Math.min(MAX_BUYERS, settings.connections())))
        .map(buyers -> new Prepared(catalogue, new Workloads(catalogue, buyers, ledger), ledger));
  }

  private Future<ScenarioResult> measure(String scenario, Catalogue catalogue, Workloads traffic, StockLedger ledger) {
    int connections = settings.connections();
    return switch (scenario) {
      case REFERENCE -> closed(settings.reference(), traffic.productById(), connections, settings.duration())
          .map(recorder -> recorder.result(PRODUCT_BY_ID, REFERENCE, connections + " conn"));
      case PRODUCT_BY_ID -> closed(traffic.productById(), connections);
      case LISTING -> closed(traffic.listing(), connections)
          .compose(row -> ListingTotals.check(setup, database, catalogue).map(note -> row.with(null, null, note)));
      case SEARCH -> closed(traffic.search(), connections);
      case CART_ADD -> closed(traffic.cartAdd(), connections);
      case CHECKOUT -> audited(ledger, () -> closed(traffic.checkout(), connections));
      case MIXED -> audited(ledger, () -> mixedForMemory(traffic));
      case MIXED_MANY -> audited(ledger, () -> closed(traffic.mixed(MIXED_MANY), MANY_CONNECTIONS, SHOPPER_THINK_TIME));
      case MIXED_MANY_BUSY -> audited(ledger, () -> closed(traffic.mixed(MIXED_MANY_BUSY), MANY_CONNECTIONS));
      case REFERENCE_OPEN -> open(traffic, settings.reference(), REFERENCE);
      case OPEN -> open(traffic, settings.gateway(), settings.mode());
      default -> throw new IllegalStateException(scenario);
    };
  }

  private Future<ScenarioResult> closed(Workload workload, int users) {
    return closed(workload, users, Duration.ZERO);
  }

  private Future<ScenarioResult> closed(Workload workload, int users, Duration meanThink) {
    String load = users + " conn" + (meanThink.isZero() ? "" : ", think " + meanThink.toMillis() + " ms");
    return closed(settings.gateway(), workload, users, meanThink, settings.duration())
        .map(recorder -> recorder.result(workload.name(), settings.mode(), load));
  }

  private Future<Recorder> closed(URI server, Workload workload, int users, Duration duration) {
    return closed(server, workload, users, Duration.ZERO, duration);
  }

  private Future<Recorder> closed(URI server, Workload workload, int users, Duration meanThink, Duration duration) {
    if (server == null) {
      return Future.failedFuture(new IllegalArgumentException("The reference scenario needs --reference URL"));
    }
    Sender sender = new Sender(vertx, server, users);
    return ClosedLoad.run(vertx, sender, workload, users, meanThink, settings.warmup(), duration)
        .eventually(sender::close);
  }

  /** The mixed journey; when memory is watched, long enough for the reading to follow a minute of it. */
  private Future<ScenarioResult> mixedForMemory(Workloads traffic) {
    Duration duration = settings.duration();
    if (settings.platformPid() != null && settings.mixedAtLeast() != null) {
      Duration needed = settings.mixedAtLeast().minus(settings.warmup());
      duration = needed.compareTo(duration) > 0 ? needed : duration;
    }
    int users = settings.connections();
    return closed(settings.gateway(), traffic.mixed(MIXED), users, duration)
        .map(recorder -> recorder.result(MIXED, settings.mode(), users + " conn"));
  }

  /** Runs a scenario that checks out, then audits the stock for oversold units. */
  private Future<ScenarioResult> audited(StockLedger ledger, Supplier<Future<ScenarioResult>> scenario) {
    return ledger.open(database).compose(v -> scenario.get())
        .compose(row -> ledger.oversoldUnits(database).map(oversold -> row.with(oversold, null, "")));
  }

  /** Product by id at a fixed share of the reference's throughput, on {@code server}; its row is in {@code mode}. */
  private Future<ScenarioResult> open(Workloads traffic, URI server, String mode) {
    ScenarioResult reference = results.reference().orElse(null);
    if (reference == null || reference.requestsPerSecond() == 0 || server == null) {
      return Future.failedFuture(new IllegalStateException(
          "The open model runs at a share of the reference's throughput: measure the reference first"));
    }
    double rate = Math.round(OPEN_SHARE_OF_REFERENCE * reference.requestsPerSecond());
    Sender sender = new Sender(vertx, server, settings.connections());
    Shopper shopper = traffic.productById().shoppers().apply(0);
    return OpenLoad.run(vertx, sender, shopper, rate, settings.warmup(), settings.duration())
        .eventually(sender::close)
        .map(recorder -> recorder.result(OPEN, mode, String.format("%.0f req/s", rate)));
  }

  private Future<ScenarioResult> withMemory(ScenarioResult row) {
    if (settings.platformPid() == null) {
      return Future.succeededFuture(row);
    }
    return ResidentMemory.of(vertx, settings.platformPid()).map(megabytes -> row.with(null, megabytes, ""));
  }
}
