package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestNats;
import dev.shop.common.testing.TestSettings;
import io.nats.NatsServerRunner;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A scripted week of a shop, and the three reports checked against figures this test computes on
 * its own from the script. Today's part is played through the API (customers register, order, pay
 * by transfer and cash, cancel, get refunds; an administrator ships and renames a product). The
 * days and months before today cannot be played live, so they enter as their producers would have
 * emitted them: events written into the user and order services' outboxes, relayed like any other
 * (some arriving out of order, one order discarded). Each bus has a platform of its own.
 */
class ReportScenarioTest {

  private static final Set<String> PAID = Set.of("PAID", "SHIPPED", "DELIVERED");

  /** What the test knows of an order, to compute the reports by itself. */
  record ScenarioOrder(String id, String userId, Instant createdAt, long totalInt, String status, List<ScenarioLine> lines) {

    LocalDate day() {
      return createdAt.atZone(ZoneOffset.UTC).toLocalDate();
    }

    boolean paid() {
      return PAID.contains(status);
    }
  }

  record ScenarioLine(String productId, String sku, String name, int quantity, long priceInt) {
  }

  private final List<ScenarioOrder> orders = new ArrayList<>();
  private final Map<String, Instant> registrations = new LinkedHashMap<>();
  /** The name and sku the report should show for a product (its latest). */
  private final Map<String, String[]> productNames = new LinkedHashMap<>();

  @ParameterizedTest
  @EnumSource(BusKind.class)
  void theReportsMatchTheScriptedWeekExactly(BusKind kind) throws Exception {
    try (NatsServerRunner nats = kind == BusKind.NATS ? TestNats.isolated() : null) {
      JsonObject config = RunningPlatform.freshOverrides(kind);
      if (nats != null) {
        config.put(ConfigKeys.NATS_URL, nats.getURI());
      }
      RunningPlatform platform = RunningPlatform.start(config);
      Vertx vertx = Vertx.vertx();
      Pool userDb = pool(vertx, config, "user");
      Pool orderDb = pool(vertx, config, "order");
      try {
        platform.awaitReady();
        Http http = platform.http();
        JsonObject adminLogin = http.post("/auth/login", new JsonObject().put("email", TestSettings.ADMIN_EMAIL)
            .put("password", TestSettings.ADMIN_PASSWORD), null).json();
        String admin = adminLogin.getString("accessToken");
        // The administrator account, created at start-up, registered today too.
        registrations.put(adminLogin.getJsonObject("user").getString("id"), Instant.now());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        // An empty shop: zeros, every day present.
        JsonObject empty = get(http, admin, "/reports/sales-summary?fromAt=" + today.minusDays(2) + "&toAt=" + today);
        assertThat(empty.getLong("totalOrders")).isZero();
        assertThat(empty.getJsonArray("byDay")).hasSize(3);

        playHistory(userDb, orderDb, today);
        playToday(http, admin);

        LocalDate from = today.minusDays(6);
        LocalDate to = today.plusDays(1);
        String range = "fromAt=" + from + "&toAt=" + to;
        JsonObject expectedSales = expectedSales(from, to);
        JsonObject expectedProducts = expectedProducts(100);
        LocalDate cohortFrom = today.minusMonths(3).withDayOfMonth(1);
        JsonObject expectedCohorts = expectedCohorts(cohortFrom, to);

        PaymentApiTest.eventually(() -> without(get(http, admin, "/reports/sales-summary?" + range)), expectedSales);
        PaymentApiTest.eventually(() -> without(get(http, admin, "/reports/product-performance?" + range + "&limit=100")),
            expectedProducts);
        PaymentApiTest.eventually(() -> without(get(http, admin, "/reports/user-cohort?fromAt=" + cohortFrom
            + "&toAt=" + to)), expectedCohorts);

        // The top two products only, and a range of one past day.
        JsonObject top = without(get(http, admin, "/reports/product-performance?" + range + "&limit=2"));
        assertThat(top.getJsonArray("products")).isEqualTo(new JsonArray(expectedProducts.getJsonArray("products")
            .getList().subList(0, 2)));
        LocalDate oneDay = today.minusDays(3);
        assertThat(without(get(http, admin, "/reports/sales-summary?fromAt=" + oneDay + "&toAt=" + oneDay)))
            .isEqualTo(expectedSales(oneDay, oneDay));
      } finally {
        Await.result(userDb.close());
        Await.result(orderDb.close());
        Await.result(vertx.close());
        platform.stop();
      }
    }
  }

  // ---- the script: before today, as events ----

  private void playHistory(Pool userDb, Pool orderDb, LocalDate today) {
    YearMonth thisMonth = YearMonth.from(today);
    String early = registered(userDb, thisMonth.minusMonths(2).atDay(3).atStartOfDay().toInstant(ZoneOffset.UTC));
    String earlyToo = registered(userDb, thisMonth.minusMonths(2).atEndOfMonth().atTime(23, 59, 59, 999_000_000)
        .toInstant(ZoneOffset.UTC));
    String lastMonth = registered(userDb, thisMonth.minusMonths(1).atDay(15).atTime(12, 0).toInstant(ZoneOffset.UTC));
    String stranger = UUID.randomUUID().toString(); // never seen registering: in no cohort

    ScenarioLine lamp = new ScenarioLine(UUID.randomUUID().toString(), "HIST-LAMP", "Đèn bàn", 2, 150_000);
    ScenarioLine chair = new ScenarioLine(UUID.randomUUID().toString(), "HIST-CHAIR", "Ghế gỗ", 1, 900_000);
    ScenarioLine mug = new ScenarioLine(UUID.randomUUID().toString(), "HIST-MUG", "Cốc sứ", 5, 30_000);
    for (ScenarioLine line : List.of(lamp, chair, mug)) {
      productNames.put(line.productId(), new String[] {line.sku(), line.name()});
    }

    // The last millisecond of a day and the first of the next belong to different days.
    Instant endOfDay = today.minusDays(3).atTime(23, 59, 59, 999_000_000).toInstant(ZoneOffset.UTC);
    Instant startOfDay = today.minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant earlier = today.minusDays(5).atTime(9, 30).toInstant(ZoneOffset.UTC);

    history(orderDb, early, endOfDay, List.of(lamp, mug), "PENDING", "PAID", "SHIPPED", "DELIVERED");
    history(orderDb, earlyToo, startOfDay, List.of(chair), "PENDING", "PAID");
    history(orderDb, lastMonth, earlier, List.of(chair, lamp), "PENDING", "CANCELLED");
    history(orderDb, lastMonth, endOfDay, List.of(mug), "PENDING", "PAID", "CANCELLED");
    history(orderDb, stranger, earlier, List.of(lamp), "PENDING", "PAID");
    history(orderDb, early, startOfDay, List.of(mug), "PENDING");
    discarded(orderDb, stranger, startOfDay, List.of(chair));
  }

  private String registered(Pool userDb, Instant at) {
    String userId = UUID.randomUUID().toString();
    registrations.put(userId, at);
    emit(userDb, "user", "user.registered", new JsonObject().put("userId", userId)
        .put("email", userId + "@history.example").put("role", "CUSTOMER").put("registeredAt", at.toString()));
    return userId;
  }

  /**
   * An order that went through {@code statuses}, one event per status, written newest first so
   * the consumer receives them out of order.
   */
  private void history(Pool orderDb, String userId, Instant createdAt, List<ScenarioLine> lines, String... statuses) {
    String orderId = UUID.randomUUID().toString();
    long total = lines.stream().mapToLong(l -> l.priceInt() * l.quantity()).sum();
    for (int version = statuses.length; version >= 1; version--) {
      String status = statuses[version - 1];
      String type = version == 1 ? "order.created" : status.equals("CANCELLED") ? "order.cancelled" : "order.statusChanged";
      emit(orderDb, "order", type, orderEvent(orderId, userId, createdAt, total, status, version, lines));
    }
    orders.add(new ScenarioOrder(orderId, userId, createdAt, total, statuses[statuses.length - 1], lines));
  }

  /** An order whose checkout was undone: created, then discarded; it counts nowhere. */
  private void discarded(Pool orderDb, String userId, Instant createdAt, List<ScenarioLine> lines) {
    String orderId = UUID.randomUUID().toString();
    emit(orderDb, "order", "order.discarded", new JsonObject().put("orderId", orderId).put("userId", userId)
        .put("version", 2));
    emit(orderDb, "order", "order.created", orderEvent(orderId, userId, createdAt, 1, "PENDING", 1, lines));
  }

  private static JsonObject orderEvent(String orderId, String userId, Instant createdAt, long total, String status,
      int version, List<ScenarioLine> lines) {
    JsonArray items = new JsonArray();
    lines.forEach(l -> items.add(new JsonObject().put("productId", l.productId()).put("sku", l.sku())
        .put("name", l.name()).put("quantity", l.quantity()).put("priceInt", l.priceInt())));
    return new JsonObject().put("orderId", orderId).put("userId", userId).put("status", status).put("totalInt", total)
        .put("version", version).put("reason", null).put("createdAt", createdAt.toString())
        .put("updatedAt", createdAt.toString()).put("items", items);
  }

  /** Writes an event into a service's outbox, as that service does in its own transactions. */
  private static void emit(Pool db, String source, String type, JsonObject data) {
    Await.result(db.preparedQuery("INSERT INTO event_outbox (id, type, source, data) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(UUID.randomUUID(), type, source, data)));
  }

  // ---- the script: today, through the API ----

  private void playToday(Http http, String admin) {
    JsonObject phone = product(http, admin, "TODAY-PHONE-" + UUID.randomUUID(), "Điện thoại", 2_500_000);
    JsonObject cable = product(http, admin, "TODAY-CABLE-" + UUID.randomUUID(), "Cáp sạc", 99_000);
    Customer an = customer(http, "an");
    Customer binh = customer(http, "binh");
    Customer chi = customer(http, "chi");

    // An pays by transfer; Binh pays, then cancels (refund); Chi pays cash, which is delivered.
    JsonObject anOrder = an.order(phone, 1, cable, 2);
    an.payByTransfer(anOrder);
    JsonObject binhOrder = binh.order(cable, 3, null, 0);
    binh.payByTransfer(binhOrder);
    binh.cancel(binhOrder);
    JsonObject chiOrder = chi.order(phone, 2, null, 0);
    chi.payCash(chiOrder, admin);
    // Chi also leaves an order unpaid, and An cancels one before paying.
    JsonObject chiPending = chi.order(cable, 1, null, 0);
    JsonObject anCancelled = an.order(phone, 1, null, 0);
    an.cancel(anCancelled);

    today(an, anOrder, "PAID");
    today(binh, binhOrder, "CANCELLED");
    today(chi, chiOrder, "DELIVERED");
    today(chi, chiPending, "PENDING");
    today(an, anCancelled, "CANCELLED");

    // A product renamed after it sold: the report shows its name of now.
    Http.Response renamed = http.put("/products/" + cable.getString("id"), new JsonObject().put("name", "Cáp sạc USB-C"),
        admin);
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    productNames.put(cable.getString("id"), new String[] {cable.getString("sku"), "Cáp sạc USB-C"});
  }

  private void today(Customer customer, JsonObject order, String status) {
    PaymentApiTest.eventually(() -> customer.http.get("/orders/" + order.getString("id"), customer.token).json()
        .getString("status"), status);
    List<ScenarioLine> lines = new ArrayList<>();
    order.getJsonArray("items").forEach(item -> {
      JsonObject line = (JsonObject) item;
      JsonObject product = line.getJsonObject("product");
      lines.add(new ScenarioLine(line.getString("productId"), product.getString("sku"), product.getString("name"),
          line.getInteger("quantity"), line.getLong("priceInt")));
    });
    orders.add(new ScenarioOrder(order.getString("id"), customer.userId, Instant.parse(order.getString("createdAt")),
        order.getLong("totalInt"), status, lines));
  }

  private JsonObject product(Http http, String admin, String sku, String name, long price) {
    Http.Response created = http.post("/products", new JsonObject().put("sku", sku).put("name", name)
        .put("priceInt", price).put("stock", 100), admin);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    productNames.put(created.json().getString("id"), new String[] {sku, name});
    return created.json();
  }

  private Customer customer(Http http, String name) {
    JsonObject auth = http.post("/auth/register", new JsonObject().put("email", name + "-" + UUID.randomUUID()
        + "@example.com").put("password", "password-" + name).put("fullName", name), null).json();
    Customer customer = new Customer(http, auth.getJsonObject("user").getString("id"), auth.getString("accessToken"));
    registrations.put(customer.userId, Instant.now());
    return customer;
  }

  private record Customer(Http http, String userId, String token) {

    JsonObject order(JsonObject product, int quantity, JsonObject other, int otherQuantity) {
      JsonArray items = new JsonArray().add(new JsonObject().put("productId", product.getString("id"))
          .put("quantity", quantity));
      if (other != null) {
        items.add(new JsonObject().put("productId", other.getString("id")).put("quantity", otherQuantity));
      }
      Http.Response order = http.post("/orders", new JsonObject().put("items", items), token);
      assertThat(order.status()).as(order.toString()).isEqualTo(201);
      return order.json();
    }

    void payByTransfer(JsonObject order) {
      PaymentApiTest.payByTransfer(http, token, order);
    }

    void payCash(JsonObject order, String admin) {
      String orderId = order.getString("id");
      assertThat(http.post("/payments/process", new JsonObject().put("orderId", orderId).put("method", "COD"), token)
          .status()).isEqualTo(201);
      for (String status : List.of("PAID", "SHIPPED", "DELIVERED")) {
        Http.Response moved = http.put("/orders/" + orderId + "/status", new JsonObject().put("status", status), admin);
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
      }
      PaymentApiTest.eventually(() -> http.get("/payments/order/" + orderId, token).json().getString("status"),
          "SUCCESS");
    }

    void cancel(JsonObject order) {
      Http.Response cancelled = http.put("/orders/" + order.getString("id") + "/cancel", null, token);
      assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    }
  }

  // ---- the figures, computed from the script ----

  private JsonObject expectedSales(LocalDate from, LocalDate to) {
    List<ScenarioOrder> inRange = inRange(from, to);
    long paid = inRange.stream().filter(ScenarioOrder::paid).count();
    long gross = inRange.stream().filter(ScenarioOrder::paid).mapToLong(ScenarioOrder::totalInt).sum();
    JsonArray byDay = new JsonArray();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      LocalDate d = day;
      List<ScenarioOrder> ofDay = inRange.stream().filter(o -> o.day().equals(d)).toList();
      byDay.add(new JsonObject().put("date", day.toString()).put("orders", (long) ofDay.size())
          .put("revenueInt", ofDay.stream().filter(ScenarioOrder::paid).mapToLong(ScenarioOrder::totalInt).sum()));
    }
    return new JsonObject()
        .put("totalOrders", (long) inRange.size())
        .put("paidOrders", paid)
        .put("cancelledOrders", inRange.stream().filter(o -> o.status().equals("CANCELLED")).count())
        .put("grossRevenueInt", gross)
        .put("averageOrderValueInt", paid == 0 ? 0L : gross / paid)
        .put("byDay", byDay);
  }

  private JsonObject expectedProducts(int limit) {
    record Sold(String productId, long units, long revenue, long orders) {
    }
    Map<String, List<ScenarioOrder>> ordersByProduct = new TreeMap<>();
    Map<String, long[]> figures = new TreeMap<>();
    for (ScenarioOrder order : orders) {
      if (!order.paid()) {
        continue;
      }
      for (ScenarioLine line : order.lines()) {
        long[] f = figures.computeIfAbsent(line.productId(), k -> new long[2]);
        f[0] += line.quantity();
        f[1] += line.quantity() * line.priceInt();
        ordersByProduct.computeIfAbsent(line.productId(), k -> new ArrayList<>()).add(order);
      }
    }
    List<Sold> sold = figures.entrySet().stream().map(e -> new Sold(e.getKey(), e.getValue()[0], e.getValue()[1],
            ordersByProduct.get(e.getKey()).stream().map(ScenarioOrder::id).distinct().count()))
        .sorted(Comparator.comparingLong(Sold::revenue).reversed().thenComparing(Comparator.comparingLong(Sold::units)
            .reversed()).thenComparing(Sold::productId))
        .limit(limit).toList();
    JsonArray products = new JsonArray();
    sold.forEach(s -> products.add(new JsonObject().put("productId", s.productId())
        .put("sku", productNames.get(s.productId())[0]).put("name", productNames.get(s.productId())[1])
        .put("unitsSold", s.units()).put("revenueInt", s.revenue()).put("orders", s.orders())));
    return new JsonObject().put("products", products);
  }

  private JsonObject expectedCohorts(LocalDate from, LocalDate to) {
    Map<String, List<String>> usersByMonth = new TreeMap<>();
    registrations.forEach((userId, at) -> {
      LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
      if (!day.isBefore(from) && !day.isAfter(to)) {
        usersByMonth.computeIfAbsent(YearMonth.from(day).toString(), k -> new ArrayList<>()).add(userId);
      }
    });
    JsonArray cohorts = new JsonArray();
    List<ScenarioOrder> paidInRange = inRange(from, to).stream().filter(ScenarioOrder::paid).toList();
    usersByMonth.forEach((month, users) -> {
      List<ScenarioOrder> theirs = paidInRange.stream().filter(o -> users.contains(o.userId())).toList();
      Set<String> buyers = theirs.stream().map(ScenarioOrder::userId).collect(Collectors.toCollection(LinkedHashSet::new));
      cohorts.add(new JsonObject().put("cohort", month).put("users", (long) users.size())
          .put("buyers", (long) buyers.size()).put("orders", (long) theirs.size())
          .put("revenueInt", theirs.stream().mapToLong(ScenarioOrder::totalInt).sum()));
    });
    return new JsonObject().put("cohorts", cohorts);
  }

  private List<ScenarioOrder> inRange(LocalDate from, LocalDate to) {
    return orders.stream().filter(o -> !o.day().isBefore(from) && !o.day().isAfter(to)).toList();
  }

  // ---- plumbing ----

  private static JsonObject get(Http http, String admin, String pathAndQuery) {
    Http.Response response = http.get(pathAndQuery, admin);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  /** The answer without its echo of the range (compared separately where it matters). */
  private static JsonObject without(JsonObject answer) {
    JsonObject figures = answer.copy();
    figures.remove("fromAt");
    figures.remove("toAt");
    return figures;
  }

  private static Pool pool(Vertx vertx, JsonObject config, String service) {
    return PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(config.getString(ConfigKeys.databaseUrl(service))))
        .using(vertx).build();
  }
}
