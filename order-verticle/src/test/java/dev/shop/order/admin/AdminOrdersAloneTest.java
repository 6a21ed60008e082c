package dev.shop.order.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.event.DomainEvent;
import dev.shop.common.id.Ids;
import dev.shop.common.testing.PeerStub;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.order.OrderSubjects;
import dev.shop.contract.payment.PaymentEvents;
import dev.shop.contract.payment.PaymentSubjects;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.user.UserSubjects;
import dev.shop.contract.user.UserSummaries;
import dev.shop.contract.user.UserSummary;
import dev.shop.order.HealthyStock;
import dev.shop.order.OrderVerticle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The administrators' views of orders with the order service alone: the status history each
 * write keeps, the listing's filters, paging and order, its bad queries, and the parts the user
 * and payment services add (left null when they do not answer).
 */
class AdminOrdersAloneTest {

  private static final RequestMeta ADMIN = ServiceUnderTest.admin(UUID.randomUUID());
  private static ServiceUnderTest order;
  private PeerStub summaries;

  @BeforeAll
  static void start() {
    order = ServiceUnderTest.start(OrderVerticle.SERVICE, OrderVerticle.FACTORY);
  }

  @AfterAll
  static void stop() {
    order.close();
  }

  @BeforeEach
  void healthyPeers() {
    order.stub(ProductSubjects.STOCK_RESERVE).repliesWith(HealthyStock.reservedAt(500));
    order.stub(ProductSubjects.STOCK_RELEASE).repliesWith(HealthyStock::released);
    summaries = order.stub(UserSubjects.USER_SUMMARIES).repliesWith(body -> new UserSummaries(
        body.getJsonArray("ids").stream().map(id -> summary(UUID.fromString((String) id))).toList()).toJson());
  }

  private static UserSummary summary(UUID userId) {
    return new UserSummary(userId, userId + "@example.com", "Customer " + userId, "0901234567");
  }

  private static String placed(UUID user) {
    JsonObject items = new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("productId", UUID.randomUUID().toString()).put("quantity", 1)));
    return order.call(OrderSubjects.CREATE, items, ServiceUnderTest.customer(user)).bodyAsObject().getString("id");
  }

  /** Moves the order's creation (and its first history row) to {@code at}, as if it were placed then. */
  private static void createdAt(String orderId, String at) {
    order.rows("UPDATE orders SET created_at = $2::text::timestamptz WHERE id = $1::uuid", orderId, at);
    order.rows("UPDATE order_status_history SET changed_at = $2::text::timestamptz WHERE order_id = $1::uuid AND version = 1",
        orderId, at);
  }

  private static JsonObject list(JsonObject query) {
    return order.call(OrderSubjects.ADMIN_LIST, query, ADMIN).bodyAsObject();
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("orders").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static JsonObject detail(String orderId) {
    return order.call(OrderSubjects.ADMIN_DETAIL, new JsonObject().put("id", orderId), ADMIN).bodyAsObject();
  }

  private static List<String> badFields(JsonObject query) {
    ShopException refused = order.refusal(OrderSubjects.ADMIN_LIST, query, ADMIN);
    assertThat(refused.status()).isEqualTo(400);
    return refused.details().stream().map(FieldError::field).toList();
  }

  private static DomainEvent paymentSucceeded(String orderId) {
    return new DomainEvent(Ids.newId(), PaymentEvents.SUCCEEDED, "payment", Instant.now(),
        new JsonObject().put("paymentId", UUID.randomUUID().toString()).put("orderId", orderId));
  }

  @Test
  void everyStatusAnOrderTakesIsRecordedAtTheOrdersOwnTimes() {
    UUID owner = UUID.randomUUID();
    String delivered = placed(owner);
    order.deliver(paymentSucceeded(delivered));
    for (String status : List.of("SHIPPED", "DELIVERED")) {
      order.call(OrderSubjects.UPDATE_STATUS, new JsonObject().put("id", delivered)
          .put("changes", new JsonObject().put("status", status)), ADMIN);
    }
    String cancelled = placed(owner);
    order.call(OrderSubjects.CANCEL, new JsonObject().put("id", cancelled)
        .put("changes", new JsonObject().put("reason", "changed my mind")), ServiceUnderTest.customer(owner));

    List<Row> history = order.rows("SELECT version, status, reason, changed_at FROM order_status_history "
        + "WHERE order_id = $1::uuid ORDER BY version", delivered);
    assertThat(history).extracting(row -> row.getInteger("version") + " " + row.getString("status"))
        .containsExactly("1 PENDING", "2 PAID", "3 SHIPPED", "4 DELIVERED");
    Row now = order.rows("SELECT created_at, updated_at FROM orders WHERE id = $1::uuid", delivered).get(0);
    assertThat(history.get(0).getOffsetDateTime("changed_at")).isEqualTo(now.getOffsetDateTime("created_at"));
    assertThat(history.get(3).getOffsetDateTime("changed_at")).isEqualTo(now.getOffsetDateTime("updated_at"));

    JsonArray shown = detail(cancelled).getJsonArray("history");
    assertThat(shown).hasSize(2);
    assertThat(shown.getJsonObject(0).getString("status")).isEqualTo("PENDING");
    assertThat(shown.getJsonObject(0).getValue("reason")).isNull();
    assertThat(shown.getJsonObject(1).getString("status")).isEqualTo("CANCELLED");
    assertThat(shown.getJsonObject(1).getString("reason")).isEqualTo("changed my mind");
    assertThat(shown.getJsonObject(1).getString("at"))
        .isEqualTo(detail(cancelled).getJsonObject("order").getString("updatedAt"));
  }

  @Test
  void aPaymentForAnOrderThatIsNotPendingRecordsNothing() {
    String cancelled = placed(UUID.randomUUID());
    order.call(OrderSubjects.CANCEL, new JsonObject().put("id", cancelled), ADMIN);
    order.deliver(paymentSucceeded(cancelled));

    assertThat(order.number("SELECT count(*) FROM order_status_history WHERE order_id = $1::uuid", cancelled))
        .isEqualTo(2);
  }

  @Test
  void theListingFiltersAndPagesNewestFirstWithEachCustomer() {
    UUID lan = UUID.randomUUID();
    String oldest = placed(lan);
    String middle = placed(lan);
    String newest = placed(lan);
    createdAt(oldest, "2026-10-31T23:59:59.999Z");
    createdAt(middle, "2026-11-15T08:00:00Z");
    createdAt(newest, "2026-11-30T23:00:00Z");
    order.call(OrderSubjects.CANCEL, new JsonObject().put("id", middle), ADMIN);
    String someoneElses = placed(UUID.randomUUID());
    JsonObject hers = new JsonObject().put("userId", lan.toString());

    JsonObject first = list(hers.copy().put("pageSize", "2"));
    assertThat(ids(first)).containsExactly(newest, middle);
    assertThat(first.getLong("total")).isEqualTo(3);
    assertThat(first.getInteger("totalPages")).isEqualTo(2);
    assertThat(first.getBoolean("totalCapped")).isFalse();
    JsonObject listed = first.getJsonArray("orders").getJsonObject(0);
    assertThat(listed.getJsonObject("customer")).isEqualTo(summary(lan).toListingJson());
    assertThat(listed.getJsonArray("items")).hasSize(1);
    assertThat(ids(list(hers.copy().put("pageSize", "2").put("page", "2")))).containsExactly(oldest);
    assertThat(summaries.requests()).last().satisfies(request -> assertThat(request.body())
        .isEqualTo(new JsonObject().put("ids", new JsonArray().add(lan.toString()))));

    assertThat(ids(list(hers.copy().put("status", "CANCELLED")))).containsExactly(middle);
    assertThat(ids(list(hers.copy().put("fromAt", "2026-11-01").put("toAt", "2026-11-30"))))
        .containsExactly(newest, middle);
    assertThat(ids(list(hers.copy().put("toAt", "2026-10-31")))).containsExactly(oldest);
    assertThat(ids(list(hers.copy().put("fromAt", "2026-11-15T08:00:00Z").put("toAt", "2026-11-15T15:00:00+07:00"))))
        .containsExactly(middle);
    assertThat(ids(list(hers.copy().put("status", "PENDING").put("fromAt", "2026-11-01").put("userId", "  "))))
        .as("blank userId is no filter").startsWith(someoneElses).contains(newest).doesNotContain(middle, oldest);

    JsonObject all = list(new JsonObject().put("pageSize", "100"));
    List<String> newestFirst = all.getJsonArray("orders").stream()
        .map(o -> ((JsonObject) o).getString("createdAt") + " " + ((JsonObject) o).getString("id")).toList();
    assertThat(newestFirst).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(all.getLong("total")).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aUserServiceThatDoesNotAnswerLeavesTheCustomersOut() {
    UUID owner = UUID.randomUUID();
    String placed = placed(owner);
    summaries.hangs();

    JsonObject page = list(new JsonObject().put("userId", owner.toString()));

    assertThat(ids(page)).containsExactly(placed);
    assertThat(page.getJsonArray("orders").getJsonObject(0).containsKey("customer")).isTrue();
    assertThat(page.getJsonArray("orders").getJsonObject(0).getValue("customer")).isNull();
    summaries.fails(503, "Service unavailable: user.summaries");
    assertThat(list(new JsonObject().put("userId", owner.toString())).getJsonArray("orders").getJsonObject(0)
        .getValue("customer")).isNull();
  }

  @Test
  void badQueriesAreRefusedNamingTheirFields() {
    assertThat(badFields(new JsonObject().put("status", "LOST").put("userId", "lan").put("page", "0")))
        .containsExactlyInAnyOrder("page", "status", "userId");
    assertThat(badFields(new JsonObject().put("fromAt", "2026-11-31").put("toAt", "yesterday")))
        .containsExactlyInAnyOrder("fromAt", "toAt");
    assertThat(badFields(new JsonObject().put("fromAt", "2026-11-02").put("toAt", "2026-11-01")))
        .containsExactly("fromAt");
    assertThat(badFields(new JsonObject().put("pageSize", "101"))).containsExactly("pageSize");
    ShopException tooDeep = order.refusal(OrderSubjects.ADMIN_LIST, new JsonObject().put("page", "5001"), ADMIN);
    assertThat(tooDeep.details()).extracting(FieldError::field).containsExactly("page");
    assertThat(tooDeep.details().get(0).message()).startsWith("must be at most 5000 with this pageSize");
    assertThat(list(new JsonObject().put("page", "5000")).getInteger("page")).isEqualTo(5000);

    assertThat(order.refusal(OrderSubjects.ADMIN_LIST, new JsonObject(), ServiceUnderTest.customer(UUID.randomUUID()))
        .status()).isEqualTo(403);
    assertThat(order.refusal(OrderSubjects.ADMIN_LIST, new JsonObject(), ServiceUnderTest.anonymous()).status())
        .isEqualTo(401);
  }

  @Test
  void theDetailComposesTheCustomerAddressAndPayment() {
    UUID owner = UUID.randomUUID();
    UUID addressId = UUID.randomUUID();
    order.stub(UserSubjects.ADDRESS_LIST_BY_USER).replies(new JsonArray().add(new JsonObject().put("id",
        addressId.toString())));
    JsonObject address = new JsonObject().put("id", addressId.toString()).put("userId", owner.toString())
        .put("fullName", "Lan").put("phone", "0901234567").put("street", "12 Le Loi").put("ward", "Ben Nghe")
        .put("district", "Quan 1").put("city", "Ho Chi Minh").put("isDefault", true)
        .put("createdAt", "2026-11-25T17:49:02.813Z");
    PeerStub addresses = order.stub(UserSubjects.ADDRESS_FIND_BY_ID).replies(address);
    JsonObject payment = new JsonObject().put("id", UUID.randomUUID().toString()).put("status", "PENDING");
    PeerStub payments = order.stub(PaymentSubjects.GET_BY_ORDER).replies(payment);
    JsonObject body = new JsonObject().put("addressId", addressId.toString()).put("items", new JsonArray()
        .add(new JsonObject().put("productId", UUID.randomUUID().toString()).put("quantity", 1)));
    String orderId = order.call(OrderSubjects.CREATE, body, ServiceUnderTest.customer(owner)).bodyAsObject()
        .getString("id");

    JsonObject shown = detail(orderId);

    assertThat(shown.fieldNames()).containsExactlyInAnyOrder("order", "customer", "address", "payment", "history");
    assertThat(shown.getJsonObject("order").getString("id")).isEqualTo(orderId);
    assertThat(shown.getJsonObject("customer")).isEqualTo(summary(owner).toJson());
    assertThat(shown.getJsonObject("address")).isEqualTo(address);
    assertThat(shown.getJsonObject("payment")).isEqualTo(payment);
    assertThat(shown.getJsonArray("history")).hasSize(1);
    assertThat(addresses.onlyRequest()).isEqualTo(new JsonObject().put("id", addressId.toString()));
    assertThat(payments.onlyRequest()).isEqualTo(new JsonObject().put("orderId", orderId));
    assertThat(payments.requests().get(0).caller()).isEqualTo(ADMIN.caller());

    summaries.hangs();
    addresses.hangs();
    payments.fails(404, "Payment not found");
    JsonObject alone = detail(orderId);
    assertThat(alone.getJsonObject("order").getString("id")).isEqualTo(orderId);
    assertThat(alone.getValue("customer")).isNull();
    assertThat(alone.getValue("address")).isNull();
    assertThat(alone.getValue("payment")).isNull();
    assertThat(alone.getJsonArray("history")).hasSize(1);
  }

  @Test
  void anUnknownOrderIsNotFoundAndOnlyAdministratorsSeeDetails() {
    assertThat(order.refusal(OrderSubjects.ADMIN_DETAIL, new JsonObject().put("id", UUID.randomUUID().toString()),
        ADMIN).status()).isEqualTo(404);
    assertThat(order.refusal(OrderSubjects.ADMIN_DETAIL, new JsonObject().put("id", "nope"), ADMIN).status())
        .isEqualTo(404);
    UUID owner = UUID.randomUUID();
    String orderId = placed(owner);
    assertThat(order.refusal(OrderSubjects.ADMIN_DETAIL, new JsonObject().put("id", orderId),
        ServiceUnderTest.customer(owner)).status()).isEqualTo(403);
  }
}
