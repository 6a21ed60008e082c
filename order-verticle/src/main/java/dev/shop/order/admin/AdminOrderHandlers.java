package dev.shop.order.admin;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.json.JsonInput;
import dev.shop.common.json.PageRequest;
import dev.shop.common.time.DayOrTimestamp;
import dev.shop.contract.user.UserSummary;
import dev.shop.order.order.Order;
import dev.shop.order.order.OrderFilter;
import dev.shop.order.order.OrderRepository;
import dev.shop.order.order.OrderStatus;
import dev.shop.order.order.StatusHistory;
import dev.shop.order.remote.Addresses;
import dev.shop.order.remote.Customers;
import dev.shop.order.remote.Payments;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The administrators' views of orders (the operator console's): every order, filtered and paged,
 * and one order with its history, customer, address and payment. The order service composes
 * them; the parts other services own are left null when those do not answer ({@code OptionalAnswers}).
 */
public final class AdminOrderHandlers {

  /**
   * The newest this many matches of a listing's filter can be paged through and are counted: an
   * exact count of millions of orders, or a page a million rows deep, takes a scan of them all
   * (docs/orders.md, "Counting and paging at scale"). Past it, filters narrow the listing.
   */
  public static final int WINDOW = 100_000;
  private static final String FROM = "fromAt";
  private static final String TO = "toAt";

  private final OrderRepository orders;
  private final Customers customers;
  private final Addresses addresses;
  private final Payments payments;

  public AdminOrderHandlers(OrderRepository orders, Customers customers, Addresses addresses, Payments payments) {
    this.orders = orders;
    this.customers = customers;
    this.addresses = addresses;
    this.payments = payments;
  }

  /**
   * {@code {page?, pageSize?, status?, userId?, fromAt?, toAt?}} (strings; blank counts as absent);
   * admin. Answers {@code {orders:[OrderResponse + customer], total, totalCapped, page, pageSize,
   * totalPages}}, newest first; the customers come from one {@code user.summaries} request.
   */
  public Future<BusReply> list(BusRequest request) {
    request.caller().requireAdmin();
    JsonInput input = JsonInput.lenient(request.body());
    PageRequest page = PageRequest.from(input);
    OrderStatus status = status(input);
    UUID userId = userId(input);
    Instant from = DayOrTimestamp.read(input, FROM, false);
    Instant to = DayOrTimestamp.read(input, TO, true);
    if (from != null && to != null && from.isAfter(to)) {
      input.error(FROM, "must not be after " + TO);
    }
    if (!input.hasErrors() && page.offset() + page.pageSize() > WINDOW) {
      input.error("page", "must be at most " + WINDOW / page.pageSize() + " with this pageSize: the listing reads "
          + "the newest " + WINDOW + " matches; narrow it with status, userId, fromAt or toAt");
    }
    input.validate();
    OrderFilter filter = new OrderFilter(status, userId, from, to == null ? null : to.plusMillis(1));
    RequestMeta caller = RequestMeta.of(request.caller(), request.requestId());
    Future<Long> counted = orders.countUpTo(filter, WINDOW + 1L);
    return orders.page(filter, page).compose(found -> {
      List<UUID> owners = found.stream().map(Order::userId).distinct().toList();
      return Future.all(counted, customers.of(caller, owners)).map(both -> {
        Map<UUID, UserSummary> known = both.resultAt(1);
        JsonArray listed = new JsonArray();
        found.forEach(order -> listed.add(order.toResponse().put("customer",
            Optional.ofNullable(known.get(order.userId())).map(UserSummary::toListingJson).orElse(null))));
        long total = Math.min(counted.result(), WINDOW);
        return BusReply.ok(new JsonObject()
            .put("orders", listed)
            .put("total", total)
            .put("totalCapped", counted.result() > WINDOW)
            .put("page", page.page())
            .put("pageSize", page.pageSize())
            .put("totalPages", page.totalPages(total)));
      });
    });
  }

  /**
   * {@code {id}}; admin. Answers {@code {order, customer, address, payment, history}}: the order and
   * its statuses oldest first from here, the customer and the address from the user service, the
   * payment from the payment service, each null when it has none or does not answer. Unknown or
   * malformed ids are 404.
   */
  public Future<BusReply> detail(BusRequest request) {
    request.caller().requireAdmin();
    UUID id = request.id("Order");
    RequestMeta caller = RequestMeta.of(request.caller(), request.requestId());
    return orders.find(id).compose(found -> {
      Order order = found.orElseThrow(AdminOrderHandlers::notFound);
      Future<List<StatusHistory>> history = orders.history(order.id());
      Future<Map<UUID, UserSummary>> customer = customers.of(caller, List.of(order.userId()));
      Future<JsonObject> address = order.addressId() == null ? Future.succeededFuture(null)
          : addresses.find(caller, order.addressId());
      Future<JsonObject> payment = payments.latestOf(caller, order.id());
      return Future.all(history, customer, address, payment).map(all -> {
        JsonArray statuses = new JsonArray();
        history.result().forEach(entry -> statuses.add(entry.toResponse()));
        UserSummary owner = customer.result().get(order.userId());
        return BusReply.ok(new JsonObject()
            .put("order", order.toResponse())
            .put("customer", owner == null ? null : owner.toJson())
            .put("address", address.result())
            .put("payment", payment.result())
            .put("history", statuses));
      });
    });
  }

  /** The query's {@code status}; blank counts as absent. */
  private static OrderStatus status(JsonInput input) {
    return input.stringParam("status", 20) == null ? null : input.optionalEnum("status", OrderStatus.class);
  }

  /** The query's {@code userId}; blank counts as absent. */
  private static UUID userId(JsonInput input) {
    String text = input.stringParam("userId", 64);
    if (text == null) {
      return null;
    }
    Optional<UUID> id = Ids.parse(text);
    input.check(id.isPresent(), "userId", "must be a UUID");
    return id.orElse(null);
  }

  private static ShopException notFound() {
    return ShopException.notFound("Order not found");
  }
}
