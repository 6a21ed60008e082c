package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The flash sale (issue 29): {@code buyers} signed-in buyers, each on an HTTP connection of its
 * own, check out one unit of the same product at the same moment; the product holds half as many
 * units as there are buyers, set through the admin stock API. Every connection is opened and has
 * had an answer before the release, so the release measures checkouts, not TCP handshakes; then
 * one loop on the generator's event loop sends every checkout.
 *
 * <p>Exactly {@code units} must be answered 201 and every other buyer a 409 naming the product;
 * anything else (another status, a 409 that does not name it, no answer) counts as an error.
 * Afterwards no unit may be held by a PENDING reservation and the stock must be 0.
 */
final class FlashSale {

  /** How many connections are opened (and warmed) at once: a backlog of a thousand SYNs loses some. */
  private static final int OPENING_AT_ONCE = 100;

  /**
   * What the sale gave beyond the row's percentiles: how many were sold and cleanly refused, when
   * the last unit went (the {@code units}-th 201's arrival, from the release; -1 if never) and the
   * last answer came, the slowest answer, and the product's held units and stock afterwards.
   */
  record Figures(int buyers, int units, long sold, long refusedNamingProduct, double soldOutMs, double lastAnswerMs,
      double maxMs, long heldUnits, long stockAfter) {

    /** Exactly the units sold, everybody else refused naming the product, none held, the stock at 0. */
    boolean correct(ScenarioResult row) {
      return sold == units && refusedNamingProduct == buyers - units && row.errorCount() == 0 && heldUnits == 0
          && stockAfter == 0;
    }

    String summary() {
      return String.format(Locale.ROOT, "%d × 201, %d × 409 naming the product; sold out %s, last answer %.0f ms, "
              + "max %.0f ms; %d units held, stock %d after", sold, refusedNamingProduct,
          soldOutMs < 0 ? "never" : String.format(Locale.ROOT, "%.0f ms", soldOutMs), lastAnswerMs, maxMs, heldUnits,
          stockAfter);
    }

    JsonObject toJson() {
      return new JsonObject().put("buyers", buyers).put("units", units).put("sold", sold)
          .put("refusedNamingProduct", refusedNamingProduct).put("soldOutMs", soldOutMs)
          .put("lastAnswerMs", lastAnswerMs).put("maxMs", maxMs).put("heldUnits", heldUnits)
          .put("stockAfter", stockAfter);
    }

    static Figures fromJson(JsonObject json) {
      return json == null ? null : new Figures(json.getInteger("buyers"), json.getInteger("units"),
          json.getLong("sold"), json.getLong("refusedNamingProduct"), json.getDouble("soldOutMs"),
          json.getDouble("lastAnswerMs"), json.getDouble("maxMs"), json.getLong("heldUnits"),
          json.getLong("stockAfter"));
    }
  }

  /** Issue 29's target: sold out within this many milliseconds of the release. */
  static double soldOutTargetMs(String mode) {
    return mode.equals("nats") ? 3000 : 2000;
  }

  /** Issue 29's target: the checkouts' p99 under this many milliseconds. */
  static double p99TargetMs(String mode) {
    return mode.equals("nats") ? 1500 : 1000;
  }

  private final Vertx vertx;
  private final RunSettings settings;
  private final Sender setup;
  private final ProductDatabase database;
  private final int buyers;
  private final int units;

  FlashSale(Vertx vertx, RunSettings settings, Sender setup, ProductDatabase database) {
    this.vertx = vertx;
    this.settings = settings;
    this.setup = setup;
    this.database = database;
    this.buyers = settings.flashSaleBuyers();
    this.units = buyers / 2;
  }

  /** Sets the stock of one product of the catalogue to the units, then runs the sale on it. */
  Future<ScenarioResult> run(Catalogue catalogue) {
    String productId = catalogue.productInStock();
    Accounts accounts = new Accounts(setup);
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
        .setConnectTimeout((int) Sender.TIMEOUT_MS));
    return accounts.admin().compose(admin -> stockTo(productId, admin))
        .compose(v -> accounts.buyers(buyers))
        .compose(tokens -> connections(client, productId).compose(connections -> sale(connections, tokens, productId)))
        .eventually(client::close)
        .compose(sale -> audited(sale, productId));
  }

  private Future<Void> stockTo(String productId, String admin) {
    return database.stock(new String[] {productId}).compose(stock -> {
      int delta = units - stock.get(productId);
      return delta == 0 ? Future.succeededFuture() : StockLedger.topUp(setup, admin, productId, delta);
    });
  }

  /** One connection per buyer, each of which has answered a product page. */
  private Future<List<HttpClientConnection>> connections(HttpClientAgent client, String productId) {
    URI gateway = settings.gateway();
    List<HttpClientConnection> opened = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int first = 0; first < buyers; first += OPENING_AT_ONCE) {
      int batchSize = Math.min(OPENING_AT_ONCE, buyers - first);
      chain = chain.compose(v -> {
        List<Future<HttpClientConnection>> batch = new ArrayList<>();
        for (int n = 0; n < batchSize; n++) {
          batch.add(client.connect(new HttpConnectOptions().setHost(gateway.getHost()).setPort(gateway.getPort())
                  .setConnectTimeout(Sender.TIMEOUT_MS))
              .compose(connection -> exchange(connection, request(HttpMethod.GET, "/products/" + productId, null),
                  null)
                  .map(answer -> {
                    if (answer.status() != 200) {
                      throw answer.unexpected("warming a connection with product " + productId);
                    }
                    return connection;
                  })));
        }
        return Future.all(batch).onSuccess(done -> batch.forEach(connection -> opened.add(connection.result())))
            .mapEmpty();
      });
    }
    return chain.map(v -> opened);
  }

  /** What the release gave, before the audit. */
  private record Sale(Histogram latencies, Map<String, Long> errors, long sold, long refused, double soldOutMs,
      double lastAnswerMs, long cpuMicros, OffsetDateTime releasedAt, List<UUID> orders) {
  }

  /** Sends every buyer's checkout in one loop; completes with the last answer. */
  private Future<Sale> sale(List<HttpClientConnection> connections, List<String> tokens, String productId) {
    Histogram latencies = new Histogram(Recorder.HIGHEST_MICROS, 3);
    Map<String, Long> errors = new TreeMap<>();
    long[] sold = {0};
    long[] refused = {0};
    long[] soldOutAt = {-1};
    long[] lastAt = {0};
    List<UUID> orders = new ArrayList<>();
    int[] pending = {connections.size()};
    Promise<Sale> done = Promise.promise();
    Buffer order = new JsonObject().put("items", new JsonArray().add(new JsonObject().put("productId", productId)
        .put("quantity", 1))).toBuffer();
    long cpuBefore = ProcessCpu.micros(settings.platformPid());
    OffsetDateTime releasedAt = OffsetDateTime.now(ZoneOffset.UTC);
    long release = System.nanoTime();
    for (int n = 0; n < connections.size(); n++) {
      long sentAt = System.nanoTime();
      exchange(connections.get(n), request(HttpMethod.POST, "/orders", tokens.get(n)), order).onComplete(answer -> {
        long now = System.nanoTime();
        lastAt[0] = now;
        if (answer.failed()) {
          errors.merge(answer.cause() instanceof TimeoutException ? "timeout" : "connection", 1L, Long::sum);
        } else {
          latencies.recordValue(Math.min(Recorder.HIGHEST_MICROS, (now - sentAt) / 1000));
          int status = answer.result().status();
          if (status == 201) {
            orders.add(UUID.fromString(answer.result().json().getString("id")));
            if (++sold[0] == units) {
              soldOutAt[0] = now;
            }
          } else if (status == 409 && namesProduct(answer.result(), productId)) {
            refused[0]++;
          } else {
            errors.merge(status == 409 ? "409 not naming the product" : Integer.toString(status), 1L, Long::sum);
          }
        }
        if (--pending[0] == 0) {
          long cpuAfter = ProcessCpu.micros(settings.platformPid());
          done.complete(new Sale(latencies, errors, sold[0], refused[0],
              soldOutAt[0] < 0 ? -1 : (soldOutAt[0] - release) / 1e6, (lastAt[0] - release) / 1e6,
              cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore, releasedAt, orders));
        }
      });
    }
    return done.future();
  }

  /** A conflict whose details list the product (the product service names each product short of stock). */
  private static boolean namesProduct(Reply reply, String productId) {
    JsonArray details = reply.json().getJsonArray("details");
    return details != null && details.stream().anyMatch(detail -> detail instanceof JsonObject line
        && productId.equals(line.getString("field")));
  }

  private Future<ScenarioResult> audited(Sale sale, String productId) {
    Future<Long> held = database.heldUnits(productId, sale.releasedAt(), sale.orders());
    Future<Map<String, Integer>> stock = database.stock(new String[] {productId});
    return Future.all(held, stock).map(v -> {
      long stockAfter = stock.result().get(productId);
      Histogram latencies = sale.latencies();
      Function<Double, Double> millis = percentile -> latencies.getTotalCount() == 0 ? 0
          : latencies.getValueAtPercentile(percentile) / 1000.0;
      Figures figures = new Figures(buyers, units, sale.sold(), sale.refused(), sale.soldOutMs(), sale.lastAnswerMs(),
          latencies.getTotalCount() == 0 ? 0 : latencies.getMaxValue() / 1000.0, held.result(), stockAfter);
      long answers = latencies.getTotalCount();
      // Units answered as sold beyond what left the stock: the stock cannot go below zero.
      long oversold = Math.max(0, sale.sold() - (units - stockAfter));
      Double cpuPerAnswer = sale.cpuMicros() < 0 || answers == 0 ? null : (double) sale.cpuMicros() / answers;
      return new ScenarioResult(BenchRun.FLASH_SALE, settings.mode(), buyers + " buyers, " + units + " units",
          answers, sale.lastAnswerMs() / 1000, millis.apply(50.0), millis.apply(99.0), millis.apply(99.9),
          sale.errors(), oversold, null, cpuPerAnswer, figures.summary(), figures);
    });
  }

  private RequestOptions request(HttpMethod method, String uri, String authorization) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost(settings.gateway().getHost())
        .setPort(settings.gateway().getPort()).setURI(uri).setIdleTimeout(Sender.TIMEOUT_MS);
    if (authorization != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
    }
    return options;
  }

  /** One exchange on a given connection, its answer read whole (no Accept-Encoding: the bodies are read). */
  private static Future<Reply> exchange(HttpClientConnection connection, RequestOptions options, Buffer body) {
    if (body != null) {
      options.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    }
    return connection.request(options)
        .compose(sent -> body == null ? sent.send() : sent.send(body))
        .compose(response -> response.body().map(answer -> new Reply(response.statusCode(), answer)));
  }
}
