package dev.shop.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.auth.Role;
import dev.shop.common.bus.BusHandler;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.bus.Caller;
import dev.shop.common.db.Database;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.event.DomainEvent;
import dev.shop.common.event.EventHandler;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import dev.shop.contract.order.OrderEvents;
import dev.shop.contract.product.ProductEvents;
import dev.shop.contract.user.UserEvents;
import dev.shop.report.readmodel.ReadModelUpdates;
import dev.shop.report.report.ReportHandlers;
import dev.shop.report.report.ReportRepository;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hand-made events, applied through the handlers as the consumer applies them (each in its
 * transaction), out of order and more than once; then the reports, figure by figure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsFromEventsTest {

  private static final Caller ADMIN = Caller.user(UUID.randomUUID().toString(), Role.ADMIN);
  private static final Clock NOVEMBER_25 = Clock.fixed(Instant.parse("2026-11-25T15:00:00Z"), ZoneOffset.UTC);

  private static final UUID U1 = id("a", 1);
  private static final UUID U2 = id("a", 2);
  private static final UUID U3 = id("a", 3);
  private static final UUID UNREGISTERED = id("a", 4);
  private static final UUID P1 = id("b", 1);
  private static final UUID P2 = id("b", 2);
  private static final UUID P3 = id("b", 3);
  private static final UUID P4 = id("b", 4);
  private static final UUID P5 = id("b", 5);
  private static final UUID P6 = id("b", 6);

  private final ReadModelUpdates updates = new ReadModelUpdates();
  private Vertx vertx;
  private Pool pool;
  private ReportHandlers reports;

  @BeforeAll
  void applyTheEvents() {
    vertx = Vertx.vertx();
    pool = connect("report_events");
    reports = new ReportHandlers(new ReportRepository(pool), NOVEMBER_25);

    // Sign-ups on both sides of month edges; the email is ignored.
    register(U1, "2026-10-31T23:59:59.999Z");
    register(U2, "2026-11-01T00:00:00.000Z");
    register(U2, "2026-11-01T00:00:00.000Z");
    register(U3, "2026-11-15T12:00:00.000Z");
    register(id("a", 5), "2026-12-01T00:00:00.000Z");
    register(id("a", 6), "2026-09-30T23:59:59.999Z");

    // P1's update arrives before its creation; P3 to P6 are known only from order lines.
    apply(updates::onProductChanged, product(P1, "DESK-2", "Desk v2", "2026-11-10T00:00:00Z"));
    apply(updates::onProductChanged, product(P1, "DESK", "Desk", "2026-11-01T00:00:00Z"));
    apply(updates::onProductChanged, product(P2, "CHAIR", "Chair", "2026-11-01T00:00:00Z"));

    JsonArray o1Lines = lines(line(P1, "DESK", "Desk", 2, 1000), line(P2, "CHAIR", "Chair", 1, 500));
    // o1 reaches SHIPPED; its events come newest first, then again.
    DomainEvent o1Shipped = order(OrderEvents.STATUS_CHANGED, 1, U1, "SHIPPED", 3, "2026-11-01T00:00:00.000Z", 2500, o1Lines);
    apply(updates::onOrderChanged, o1Shipped);
    apply(updates::onOrderChanged, order(OrderEvents.CREATED, 1, U1, "PENDING", 1, "2026-11-01T00:00:00.000Z", 2500, o1Lines));
    apply(updates::onOrderChanged, order(OrderEvents.STATUS_CHANGED, 1, U1, "PAID", 2, "2026-11-01T00:00:00.000Z", 2500, o1Lines));
    apply(updates::onOrderChanged, o1Shipped);
    // o2: paid then cancelled, the cancel delivered before the payment and the creation last.
    JsonArray o2Lines = lines(line(P1, "DESK", "Desk", 1, 1000));
    apply(updates::onOrderChanged, order(OrderEvents.CANCELLED, 2, U2, "CANCELLED", 3, "2026-11-02T23:59:59.999Z", 1000, o2Lines));
    apply(updates::onOrderChanged, order(OrderEvents.STATUS_CHANGED, 2, U2, "PAID", 2, "2026-11-02T23:59:59.999Z", 1000, o2Lines));
    apply(updates::onOrderChanged, order(OrderEvents.CREATED, 2, U2, "PENDING", 1, "2026-11-02T23:59:59.999Z", 1000, o2Lines));
    // o3: two lines of the same product.
    paid(3, U2, "2026-11-03T08:00:00.000Z", 2500, line(P2, "CHAIR", "Chair", 4, 500), line(P2, "CHAIR", "Chair", 1, 500));
    // o4, o5: a user the read model never saw register; P3 was renamed between the two.
    paid(4, UNREGISTERED, "2026-11-02T10:00:00.000Z", 1000, line(P3, "LAMP-OLD", "Lamp (old)", 5, 200));
    apply(updates::onOrderChanged, order(OrderEvents.STATUS_CHANGED, 5, UNREGISTERED, "DELIVERED", 4,
        "2026-11-02T11:00:00.000Z", 200, lines(line(P3, "LAMP", "Lamp", 1, 200))));
    // o6 discarded after its creation, o7 before it: neither counts anywhere.
    JsonArray big = lines(line(P2, "CHAIR", "Chair", 100, 500));
    apply(updates::onOrderChanged, order(OrderEvents.CREATED, 6, U1, "PENDING", 1, "2026-11-03T09:00:00.000Z", 50_000, big));
    apply(updates::onOrderDiscarded, discarded(6, U1, 2));
    apply(updates::onOrderDiscarded, discarded(7, U1, 2));
    apply(updates::onOrderChanged, order(OrderEvents.CREATED, 7, U1, "PENDING", 1, "2026-11-03T09:30:00.000Z", 50_000, big));
    apply(updates::onOrderChanged, order(OrderEvents.STATUS_CHANGED, 6, U1, "PAID", 1, "2026-11-03T09:00:00.000Z", 50_000, big));
    // o8 a millisecond before November; o9 still pending; o10 at the start of November 5.
    paid(8, U1, "2026-10-31T23:59:59.999Z", 1000, line(P1, "DESK", "Desk", 1, 1000));
    apply(updates::onOrderChanged, order(OrderEvents.CREATED, 9, U1, "PENDING", 1, "2026-11-02T12:00:00.000Z", 500,
        lines(line(P2, "CHAIR", "Chair", 1, 500))));
    paid(10, U2, "2026-11-05T00:00:00.000Z", 500, line(P2, "CHAIR", "Chair", 1, 500));
    // o11: three products of equal revenue, on a day of its own.
    paid(11, U2, "2026-11-20T09:00:00.000Z", 1800, line(P4, "P-4", "Four", 1, 600), line(P6, "P-6", "Six", 2, 300),
        line(P5, "P-5", "Five", 2, 300));
  }

  @AfterAll
  void close() {
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  @Test
  void salesSummaryCountsOrdersByTheirDayAndWhatTheyAreNow() {
    JsonObject summary = ask(reports::salesSummary, query("2026-11-01", "2026-11-04"));
    assertThat(summary).isEqualTo(new JsonObject()
        .put("fromAt", "2026-11-01T00:00:00.000Z").put("toAt", "2026-11-04T23:59:59.999Z")
        .put("totalOrders", 6L).put("paidOrders", 4L).put("cancelledOrders", 1L)
        .put("grossRevenueInt", 6200L).put("averageOrderValueInt", 1550L)
        .put("byDay", new JsonArray()
            .add(day("2026-11-01", 1, 2500))
            .add(day("2026-11-02", 4, 1200))
            .add(day("2026-11-03", 1, 2500))
            .add(day("2026-11-04", 0, 0))));
  }

  @Test
  void boundsAreInclusiveToTheMillisecond() {
    JsonObject lastMillisecond = ask(reports::salesSummary, query("2026-11-02T23:59:59.999Z", "2026-11-02T23:59:59.999Z"));
    assertThat(lastMillisecond.getLong("totalOrders")).isEqualTo(1);
    assertThat(lastMillisecond.getLong("cancelledOrders")).isEqualTo(1);
    assertThat(ask(reports::salesSummary, query("2026-11-02T12:00:00.001Z", "2026-11-02T23:59:59.998Z"))
        .getLong("totalOrders")).isZero();
    JsonObject october31 = ask(reports::salesSummary, query("2026-10-31", "2026-10-31"));
    assertThat(october31.getLong("paidOrders")).isEqualTo(1);
    assertThat(october31.getLong("grossRevenueInt")).isEqualTo(1000);
    JsonObject november5 = ask(reports::salesSummary, query("2026-11-05T00:00:00Z", "2026-11-05T00:00:00Z"));
    assertThat(november5.getLong("grossRevenueInt")).isEqualTo(500);
    assertThat(november5.getJsonArray("byDay")).containsExactly(day("2026-11-05", 1, 500));
  }

  @Test
  void aSummaryWithoutPaidOrdersAveragesZero() {
    JsonObject summary = ask(reports::salesSummary, query("2026-11-02T11:30:00Z", "2026-11-02T12:00:00Z"));
    assertThat(summary.getLong("totalOrders")).isEqualTo(1);
    assertThat(summary.getLong("paidOrders")).isZero();
    assertThat(summary.getLong("averageOrderValueInt")).isZero();
  }

  @Test
  void productsAreRankedByRevenueWithTheirLatestNames() {
    JsonObject performance = ask(reports::productPerformance, query("2026-11-01", "2026-11-04"));
    assertThat(performance).isEqualTo(new JsonObject()
        .put("fromAt", "2026-11-01T00:00:00.000Z").put("toAt", "2026-11-04T23:59:59.999Z")
        .put("products", new JsonArray()
            .add(product(P2, "CHAIR", "Chair", 6, 3000, 2))
            .add(product(P1, "DESK-2", "Desk v2", 2, 2000, 1))
            .add(product(P3, "LAMP", "Lamp", 6, 1200, 2))));
  }

  @Test
  void equalRevenueGoesByUnitsThenProductIdUpToTheLimit() {
    JsonObject query = query("2026-11-20", "2026-11-20");
    assertThat(ask(reports::productPerformance, query).getJsonArray("products")).containsExactly(
        product(P5, "P-5", "Five", 2, 600, 1), product(P6, "P-6", "Six", 2, 600, 1), product(P4, "P-4", "Four", 1, 600, 1));
    assertThat(ask(reports::productPerformance, query.copy().put("limit", "2")).getJsonArray("products"))
        .extracting(p -> ((JsonObject) p).getString("productId")).containsExactly(P5.toString(), P6.toString());
  }

  @Test
  void cohortsAreSignUpMonthsWithTheirPaidOrdersOfTheRange() {
    assertThat(ask(reports::userCohort, query("2026-10-01", "2026-11-30"))).isEqualTo(new JsonObject()
        .put("fromAt", "2026-10-01T00:00:00.000Z").put("toAt", "2026-11-30T23:59:59.999Z")
        .put("cohorts", new JsonArray()
            .add(cohort("2026-10", 1, 1, 2, 3500))
            .add(cohort("2026-11", 2, 1, 3, 4800))));
    assertThat(ask(reports::userCohort, query("2026-10-31", "2026-11-01")).getJsonArray("cohorts")).containsExactly(
        cohort("2026-10", 1, 1, 2, 3500), cohort("2026-11", 1, 0, 0, 0));
    assertThat(ask(reports::userCohort, query("2027-01-01", "2027-01-31")).getJsonArray("cohorts")).isEmpty();
  }

  @Test
  void everyReportAnswersBeforeAnyEvent() {
    Pool empty = connect("report_empty");
    try {
      ReportHandlers none = new ReportHandlers(new ReportRepository(empty), NOVEMBER_25);
      JsonObject summary = ask(none::salesSummary, new JsonObject());
      assertThat(summary.getString("fromAt")).isEqualTo("2026-10-27T00:00:00.000Z");
      assertThat(summary.getString("toAt")).isEqualTo("2026-11-25T23:59:59.999Z");
      assertThat(summary.getLong("totalOrders") + summary.getLong("paidOrders") + summary.getLong("cancelledOrders")
          + summary.getLong("grossRevenueInt") + summary.getLong("averageOrderValueInt")).isZero();
      assertThat(summary.getJsonArray("byDay")).hasSize(30).allMatch(d -> ((JsonObject) d).getLong("orders") == 0);
      assertThat(ask(none::productPerformance, new JsonObject()).getJsonArray("products")).isEmpty();
      assertThat(ask(none::userCohort, new JsonObject()).getJsonArray("cohorts")).isEmpty();
    } finally {
      Await.result(empty.close());
    }
  }

  @Test
  void onlyAdministratorsSeeReports() {
    for (BusHandler report : List.<BusHandler>of(reports::salesSummary, reports::productPerformance,
        reports::userCohort)) {
      assertThat(failure(report, Caller.ANONYMOUS, new JsonObject()).status()).isEqualTo(401);
      assertThat(failure(report, Caller.user(UUID.randomUUID().toString(), Role.CUSTOMER), new JsonObject()).status())
          .isEqualTo(403);
    }
  }

  @Test
  void invalidQueriesAre400NamingTheField() {
    assertThat(invalidFields(reports::salesSummary, new JsonObject().put("from", "2026-11-01"))).containsExactly("from");
    assertThat(invalidFields(reports::userCohort, new JsonObject().put("limit", "5"))).containsExactly("limit");
    assertThat(invalidFields(reports::salesSummary, query("2026-11-05", "2026-11-04"))).containsExactly("fromAt");
    assertThat(invalidFields(reports::userCohort, new JsonObject().put("toAt", "Nov 4"))).containsExactly("toAt");
    for (String limit : new String[] {"0", "101", "ten"}) {
      assertThat(invalidFields(reports::productPerformance, new JsonObject().put("limit", limit)))
          .containsExactly("limit");
    }
    assertThat(invalidFields(reports::productPerformance, query("2010-01-01", "2026-11-04"))).containsExactly("fromAt");
  }

  // ---- events ----

  private void apply(EventHandler handler, DomainEvent event) {
    Await.result(pool.withTransaction(tx -> handler.apply(tx, event)));
  }

  private void register(UUID user, String at) {
    apply(updates::onUserRegistered, event(UserEvents.REGISTERED, new JsonObject().put("userId", user.toString())
        .put("email", "someone@example.com").put("role", "CUSTOMER").put("registeredAt", at)));
  }

  /** An order created PENDING and then PAID, the payment delivered first. */
  private void paid(int order, UUID user, String createdAt, long total, JsonObject... lines) {
    JsonArray items = lines(lines);
    apply(updates::onOrderChanged, order(OrderEvents.STATUS_CHANGED, order, user, "PAID", 2, createdAt, total, items));
    apply(updates::onOrderChanged, order(OrderEvents.CREATED, order, user, "PENDING", 1, createdAt, total, items));
  }

  private static DomainEvent order(String type, int order, UUID user, String status, int version, String createdAt,
      long total, JsonArray items) {
    return event(type, new JsonObject().put("orderId", id("c", order).toString()).put("userId", user.toString())
        .put("status", status).put("totalInt", total).put("version", version).put("reason", null)
        .put("createdAt", createdAt).put("updatedAt", createdAt).put("items", items));
  }

  private static DomainEvent discarded(int order, UUID user, int version) {
    return event(OrderEvents.DISCARDED, new JsonObject().put("orderId", id("c", order).toString())
        .put("userId", user.toString()).put("version", version));
  }

  private static DomainEvent product(UUID product, String sku, String name, String updatedAt) {
    return event(ProductEvents.UPDATED, new JsonObject().put("productId", product.toString()).put("sku", sku)
        .put("name", name).put("slug", sku.toLowerCase()).put("priceInt", 1000).put("categoryId", null)
        .put("updatedAt", updatedAt));
  }

  private static JsonObject line(UUID product, String sku, String name, int quantity, long price) {
    return new JsonObject().put("productId", product.toString()).put("sku", sku).put("name", name)
        .put("quantity", quantity).put("priceInt", price);
  }

  private static JsonArray lines(JsonObject... lines) {
    return new JsonArray(List.of((Object[]) lines));
  }

  private static DomainEvent event(String type, JsonObject data) {
    return new DomainEvent(UUID.randomUUID(), type, "test", Instant.now(), data);
  }

  // ---- reports ----

  private static JsonObject ask(BusHandler report, JsonObject query) {
    return Await.result(report.handle(new BusRequest("report", query, ADMIN, "test", null))).bodyAsObject();
  }

  private static ShopException failure(BusHandler report, Caller caller, JsonObject query) {
    try {
      Throwable failure = Await.failure(report.handle(new BusRequest("report", query, caller, "test", null)));
      return (ShopException) failure;
    } catch (ShopException thrown) {
      return thrown;
    }
  }

  private static List<String> invalidFields(BusHandler report, JsonObject query) {
    ShopException invalid = failure(report, ADMIN, query);
    assertThat(invalid.status()).isEqualTo(400);
    return invalid.details().stream().map(FieldError::field).toList();
  }

  private static JsonObject query(String fromAt, String toAt) {
    return new JsonObject().put("fromAt", fromAt).put("toAt", toAt);
  }

  private static JsonObject day(String date, long orders, long revenue) {
    return new JsonObject().put("date", date).put("orders", orders).put("revenueInt", revenue);
  }

  private static JsonObject product(UUID product, String sku, String name, long units, long revenue, long orders) {
    return new JsonObject().put("productId", product.toString()).put("sku", sku).put("name", name)
        .put("unitsSold", units).put("revenueInt", revenue).put("orders", orders);
  }

  private static JsonObject cohort(String month, long users, long buyers, long orders, long revenue) {
    return new JsonObject().put("cohort", month).put("users", users).put("buyers", buyers).put("orders", orders)
        .put("revenueInt", revenue);
  }

  private Pool connect(String purpose) {
    return Await.result(Database.migrateAndConnect(vertx, "report", TestDatabases.freshDatabase(purpose), 2));
  }

  private static UUID id(String kind, int n) {
    return UUID.fromString(String.format("00000000-0000-0000-000%s-%012d", kind, n));
  }
}
