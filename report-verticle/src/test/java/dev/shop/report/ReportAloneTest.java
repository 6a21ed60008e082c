package dev.shop.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.RequestMeta;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.event.DomainEvent;
import dev.shop.common.testing.Concurrently;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.order.OrderEvents;
import dev.shop.contract.user.UserEvents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report service alone, as the platform runs it: events handed to it as the event stream
 * hands them (through its consumers, each applied once by event id) fold into its read model, and
 * the report subjects answer what a caller sees. Each test works on days of its own, so the
 * tests share one database. ReportsFromEventsTest checks every figure of the reports' SQL.
 */
class ReportAloneTest {

  /** The first requests of a cold service on a loaded machine can take seconds; no peer here hangs. */
  private static final String ROOM_FOR_A_LOADED_MACHINE_MS = "10000";

  private static final UUID ADMIN = UUID.randomUUID();
  private static ServiceUnderTest report;

  @BeforeAll
  static void start() {
    report = ServiceUnderTest.start(ReportVerticle.SERVICE, ReportVerticle.FACTORY,
        settings -> settings.put(ConfigKeys.EVENT_MAX_ATTEMPTS, "2")
            .put(ConfigKeys.BUS_TIMEOUT_MS, ROOM_FOR_A_LOADED_MACHINE_MS));
  }

  @AfterAll
  static void stop() {
    report.close();
  }

  @Test
  void anOrdersEventsCountOnceWhateverTheirOrderAndHowOftenTheyCome() {
    UUID shipped = UUID.randomUUID();
    UUID cancelled = UUID.randomUUID();
    UUID product = UUID.randomUUID();
    JsonArray lines = lines(line(product, 2, 1_500));
    DomainEvent created = order(OrderEvents.CREATED, shipped, "PENDING", 1, "2025-03-01T10:00:00Z", 3_000, lines);
    DomainEvent paid = order(OrderEvents.STATUS_CHANGED, shipped, "PAID", 2, "2025-03-01T10:00:00Z", 3_000, lines);
    DomainEvent shippedEvent = order(OrderEvents.STATUS_CHANGED, shipped, "SHIPPED", 3, "2025-03-01T10:00:00Z", 3_000,
        lines);
    // Newest first, each twice (a redelivery is the same event, its id included).
    for (DomainEvent event : List.of(shippedEvent, paid, shippedEvent, created, paid, created)) {
      report.deliver(event);
    }
    JsonArray other = lines(line(product, 1, 1_500));
    report.deliver(order(OrderEvents.CANCELLED, cancelled, "CANCELLED", 2, "2025-03-01T11:00:00Z", 1_500, other));
    report.deliver(order(OrderEvents.CREATED, cancelled, "PENDING", 1, "2025-03-01T11:00:00Z", 1_500, other));

    JsonObject summary = ask("report.salesSummary", range("2025-03-01", "2025-03-01"));
    assertThat(summary.getLong("totalOrders")).isEqualTo(2);
    assertThat(summary.getLong("paidOrders")).isEqualTo(1);
    assertThat(summary.getLong("cancelledOrders")).isEqualTo(1);
    assertThat(summary.getLong("grossRevenueInt")).isEqualTo(3_000);
    assertThat(ask("report.productPerformance", range("2025-03-01", "2025-03-01")).getJsonArray("products"))
        .containsExactly(new JsonObject().put("productId", product.toString()).put("sku", "SKU-" + product)
            .put("name", "Product").put("unitsSold", 2L).put("revenueInt", 3_000L).put("orders", 1L));

    assertThat(report.rows("SELECT status, version FROM report_orders WHERE order_id = $1", shipped))
        .singleElement().satisfies(row -> {
          assertThat(row.getString("status")).isEqualTo("SHIPPED");
          assertThat(row.getInteger("version")).isEqualTo(3);
        });
    assertThat(report.number("SELECT count(*) FROM event_applied WHERE event_id = ANY($1)",
        (Object) new UUID[] {created.id(), paid.id(), shippedEvent.id()})).isEqualTo(3);
  }

  @Test
  void oneEventDeliveredManyTimesAtOnceIsAppliedOnce() {
    UUID user = UUID.randomUUID();
    DomainEvent registered = new DomainEvent(UUID.randomUUID(), UserEvents.REGISTERED, "user", Instant.now(),
        new JsonObject().put("userId", user.toString()).put("email", "once@example.com").put("role", "CUSTOMER")
            .put("registeredAt", "2025-04-02T08:00:00Z"));
    DomainEvent created = order(OrderEvents.CREATED, UUID.randomUUID(), "PENDING", 1, "2025-04-02T09:00:00Z", 700,
        lines(line(UUID.randomUUID(), 1, 700)), user);
    DomainEvent paid = new DomainEvent(UUID.randomUUID(), OrderEvents.STATUS_CHANGED, "order", Instant.now(),
        created.data().copy().put("status", "PAID").put("version", 2));

    List<Callable<DomainEvent>> deliveries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      for (DomainEvent event : List.of(registered, created, paid)) {
        deliveries.add(() -> report.deliver(event));
      }
    }
    Concurrently.run(deliveries);

    assertThat(report.number("SELECT count(*) FROM event_applied WHERE event_id = ANY($1)",
        (Object) new UUID[] {registered.id(), created.id(), paid.id()})).isEqualTo(3);
    assertThat(ask("report.userCohort", range("2025-04-01", "2025-04-30")).getJsonArray("cohorts"))
        .containsExactly(new JsonObject().put("cohort", "2025-04").put("users", 1L).put("buyers", 1L)
            .put("orders", 1L).put("revenueInt", 700L));
    assertThat(ask("report.salesSummary", range("2025-04-02", "2025-04-02")).getLong("grossRevenueInt"))
        .isEqualTo(700);
  }

  @Test
  void aDiscardArrivingFirstKeepsTheOrderOutOfEveryReport() {
    UUID discarded = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    report.deliver(OrderEvents.DISCARDED, "order", new JsonObject().put("orderId", discarded.toString())
        .put("userId", user.toString()).put("version", 2));
    JsonArray lines = lines(line(UUID.randomUUID(), 5, 100));
    report.deliver(order(OrderEvents.CREATED, discarded, "PENDING", 1, "2025-05-03T12:00:00Z", 500, lines, user));
    report.deliver(order(OrderEvents.STATUS_CHANGED, discarded, "PAID", 2, "2025-05-03T12:00:00Z", 500, lines, user));

    JsonObject summary = ask("report.salesSummary", range("2025-05-03", "2025-05-03"));
    assertThat(summary.getLong("totalOrders")).isZero();
    assertThat(ask("report.productPerformance", range("2025-05-03", "2025-05-03")).getJsonArray("products")).isEmpty();
    assertThat(report.number("SELECT count(*) FROM report_order_lines WHERE order_id = $1", discarded)).isZero();
  }

  @Test
  void aRangeTakesItsBoundsToTheMillisecondAndDefaultsToTheLast30Days() {
    UUID product = UUID.randomUUID();
    paid(UUID.randomUUID(), "2025-06-10T23:59:59.999Z", 100, product);
    paid(UUID.randomUUID(), "2025-06-11T00:00:00.000Z", 200, product);
    assertThat(revenue(range("2025-06-10", "2025-06-10"))).isEqualTo(100);
    assertThat(revenue(range("2025-06-11", "2025-06-11"))).isEqualTo(200);
    assertThat(revenue(range("2025-06-10T23:59:59.999Z", "2025-06-11T00:00:00Z"))).isEqualTo(300);
    assertThat(revenue(range("2025-06-10T00:00:00Z", "2025-06-10T23:59:59.998Z"))).isZero();

    // The default range ends today (UTC) and starts 29 days before: an order of 30 days ago is out.
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Instant startOfToday = today.atStartOfDay().toInstant(ZoneOffset.UTC);
    JsonObject before = ask("report.salesSummary", new JsonObject());
    paid(UUID.randomUUID(), startOfToday.toString(), 40, product);
    paid(UUID.randomUUID(), startOfToday.minus(29, ChronoUnit.DAYS).toString(), 2, product);
    paid(UUID.randomUUID(), startOfToday.minus(29, ChronoUnit.DAYS).minusMillis(1).toString(), 1_000, product);
    JsonObject after = ask("report.salesSummary", new JsonObject());
    assertThat(after.getString("fromAt")).isEqualTo(today.minusDays(29) + "T00:00:00.000Z");
    assertThat(after.getString("toAt")).isEqualTo(today + "T23:59:59.999Z");
    assertThat(after.getLong("grossRevenueInt") - before.getLong("grossRevenueInt")).isEqualTo(42);
  }

  @Test
  void eventsOfManyOrdersRacingEachOtherFoldToTheirLastVersions() {
    UUID product = UUID.randomUUID();
    List<DomainEvent> events = new ArrayList<>();
    int orders = 12;
    for (int i = 0; i < orders; i++) {
      UUID id = UUID.randomUUID();
      JsonArray lines = lines(line(product, 1, 1_000));
      String at = "2025-07-0" + (1 + i % 3) + "T12:00:00Z";
      events.add(order(OrderEvents.CREATED, id, "PENDING", 1, at, 1_000, lines));
      events.add(order(OrderEvents.STATUS_CHANGED, id, "PAID", 2, at, 1_000, lines));
      switch (i % 3) {
        case 0 -> events.add(order(OrderEvents.STATUS_CHANGED, id, "DELIVERED", 3, at, 1_000, lines));
        case 1 -> events.add(order(OrderEvents.CANCELLED, id, "CANCELLED", 3, at, 1_000, lines));
        default -> events.add(new DomainEvent(UUID.randomUUID(), OrderEvents.DISCARDED, "order", Instant.now(),
            new JsonObject().put("orderId", id.toString()).put("userId", UUID.randomUUID().toString())
                .put("version", 3)));
      }
    }
    Collections.shuffle(events, new Random(27));
    Concurrently.run(events.stream().<Callable<DomainEvent>>map(event -> () -> report.deliver(event)).toList());

    JsonObject summary = ask("report.salesSummary", range("2025-07-01", "2025-07-03"));
    assertThat(summary.getLong("totalOrders")).isEqualTo(8);
    assertThat(summary.getLong("paidOrders")).isEqualTo(4);
    assertThat(summary.getLong("cancelledOrders")).isEqualTo(4);
    assertThat(summary.getLong("grossRevenueInt")).isEqualTo(4_000);
    assertThat(ask("report.productPerformance", range("2025-07-01", "2025-07-03")).getJsonArray("products"))
        .singleElement().satisfies(sold -> assertThat(((JsonObject) sold).getLong("unitsSold")).isEqualTo(4));
    assertThat(report.number("SELECT count(*) FROM report_order_lines l JOIN report_orders o USING (order_id) "
        + "WHERE o.status = 'DISCARDED'")).as("a discarded order keeps no line, whoever came first").isZero();
    assertThat(report.number("SELECT count(*) FROM event_dead_letters")).isZero();
  }

  @Test
  void anEventItCannotReadIsKeptAsADeadLetterAndTheNextOnesFlow() {
    DomainEvent unreadable = report.deliver(OrderEvents.CREATED, "order", new JsonObject().put("status", "PENDING"));
    UUID after = UUID.randomUUID();
    paid(after, "2025-08-01T00:00:00Z", 900, UUID.randomUUID());

    assertThat(report.number("SELECT count(*) FROM event_dead_letters WHERE event_id = $1", unreadable.id()))
        .isEqualTo(1);
    assertThat(revenue(range("2025-08-01", "2025-08-01"))).isEqualTo(900);
  }

  @Test
  void reportsAreForAdministratorsAndRefuseWhatTheyDoNotTake() {
    for (String subject : List.of("report.salesSummary", "report.productPerformance", "report.userCohort")) {
      assertThat(report.refusal(subject, new JsonObject(), ServiceUnderTest.anonymous()).status()).isEqualTo(401);
      assertThat(report.refusal(subject, new JsonObject(), ServiceUnderTest.customer(UUID.randomUUID())).status())
          .isEqualTo(403);
      assertThat(invalid(subject, new JsonObject().put("from", "2025-01-01"))).containsExactly("from");
      assertThat(invalid(subject, range("2025-01-02", "2025-01-01"))).containsExactly("fromAt");
      assertThat(invalid(subject, new JsonObject().put("toAt", "2025-02-30"))).containsExactly("toAt");
      assertThat(invalid(subject, new JsonObject().put("fromAt", 20250101))).containsExactly("fromAt");
    }
    assertThat(invalid("report.productPerformance", new JsonObject().put("limit", "0"))).containsExactly("limit");
    assertThat(invalid("report.productPerformance", new JsonObject().put("limit", "x"))).containsExactly("limit");
    assertThat(invalid("report.salesSummary", new JsonObject().put("limit", "5"))).containsExactly("limit");
  }

  // ---- events ----

  private static void paid(UUID order, String createdAt, long total, UUID product) {
    JsonArray lines = lines(line(product, 1, total));
    report.deliver(order(OrderEvents.CREATED, order, "PENDING", 1, createdAt, total, lines));
    report.deliver(order(OrderEvents.STATUS_CHANGED, order, "PAID", 2, createdAt, total, lines));
  }

  private static DomainEvent order(String type, UUID order, String status, int version, String createdAt, long total,
      JsonArray items) {
    return order(type, order, status, version, createdAt, total, items, UUID.randomUUID());
  }

  /** An order event as the order service writes it: the whole order after the change. */
  private static DomainEvent order(String type, UUID order, String status, int version, String createdAt, long total,
      JsonArray items, UUID user) {
    return new DomainEvent(UUID.randomUUID(), type, "order", Instant.now(), new JsonObject()
        .put("orderId", order.toString()).put("userId", user.toString()).put("status", status)
        .put("totalInt", total).put("version", version).putNull("reason").put("createdAt", createdAt)
        .put("updatedAt", createdAt).put("items", items));
  }

  private static JsonObject line(UUID product, int quantity, long price) {
    return new JsonObject().put("productId", product.toString()).put("sku", "SKU-" + product).put("name", "Product")
        .put("quantity", quantity).put("priceInt", price);
  }

  private static JsonArray lines(JsonObject... lines) {
    return new JsonArray(List.of((Object[]) lines));
  }

  // ---- reports ----

  private static JsonObject ask(String subject, JsonObject query) {
    return report.call(subject, query, admin()).bodyAsObject();
  }

  private static long revenue(JsonObject range) {
    return ask("report.salesSummary", range).getLong("grossRevenueInt");
  }

  private static List<String> invalid(String subject, JsonObject query) {
    ShopException refused = report.refusal(subject, query, admin());
    assertThat(refused.status()).as(subject + " " + query).isEqualTo(400);
    return refused.details().stream().map(FieldError::field).toList();
  }

  private static RequestMeta admin() {
    return ServiceUnderTest.admin(ADMIN);
  }

  private static JsonObject range(String fromAt, String toAt) {
    return new JsonObject().put("fromAt", fromAt).put("toAt", toAt);
  }
}
