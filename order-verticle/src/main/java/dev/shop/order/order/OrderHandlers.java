package dev.shop.order.order;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.bus.Caller;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.json.BodySchema;
import dev.shop.common.json.JsonInput;
import dev.shop.common.json.PageRequest;
import dev.shop.contract.RestContract;
import dev.shop.contract.order.OrderExistsReply;
import dev.shop.contract.order.OrderExistsRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The order subjects after checkout: reading, listing, status changes and cancelling. An order is
 * visible to its owner and to administrators; to anybody else it does not exist (404).
 */
public final class OrderHandlers {

  private static final int REASON_MAX = 500;
  private static final BodySchema STATUS_UPDATE = BodySchema.of(RestContract.document(), "OrderStatusUpdateRequest");
  private static final BodySchema CANCEL = BodySchema.of(RestContract.document(), "CancelOrderRequest");

  private final OrderRepository orders;
  private final CancelledStock cancelledStock;

  public OrderHandlers(OrderRepository orders, CancelledStock cancelledStock) {
    this.orders = orders;
    this.cancelledStock = cancelledStock;
  }

  /** {@code {id}}: OrderResponse; owner or admin. */
  public Future<BusReply> get(BusRequest request) {
    request.caller().requireUser();
    UUID id = request.id("Order");
    return visible(request.caller(), id).map(order -> BusReply.ok(order.toResponse()));
  }

  /** {@code {page?, pageSize?, status?}} (strings): the caller's orders, newest first. */
  public Future<BusReply> listByUser(BusRequest request) {
    UUID userId = request.caller().requireUserId();
    JsonInput input = JsonInput.lenient(request.body());
    PageRequest page = PageRequest.from(input);
    OrderStatus status = input.optionalEnum("status", OrderStatus.class);
    input.validate();
    return page.envelope("orders", orders.countByUser(userId, status), orders.page(new OrderFilter(status, userId, null, null), page),
        Order::toResponse).map(BusReply::okJson);
  }

  /** {@code {id, changes:{status}}}; admin. Answers {@code {id, status, updatedAt}}. */
  public Future<BusReply> updateStatus(BusRequest request) {
    request.caller().requireAdmin();
    UUID id = request.id("Order");
    JsonInput input = JsonInput.body(request.body().getJsonObject("changes", new JsonObject()), STATUS_UPDATE);
    input.present("status");
    OrderStatus target = input.optionalEnum("status", OrderStatus.class);
    input.validate();
    return move(id, target, null, request.requestId()).map(change -> BusReply.ok(change.toResponse()));
  }

  /** {@code {id, changes:{reason?}}}; owner or admin. Answers the CANCELLED OrderResponse. */
  public Future<BusReply> cancel(BusRequest request) {
    request.caller().requireUser();
    UUID id = request.id("Order");
    JsonInput input = JsonInput.body(request.body().getJsonObject("changes", new JsonObject()), CANCEL);
    String reason = input.optionalText("reason", REASON_MAX);
    input.validate();
    return visible(request.caller(), id)
        .compose(order -> move(id, OrderStatus.CANCELLED, reason, request.requestId()))
        .compose(change -> visible(request.caller(), id))
        .map(order -> BusReply.ok(order.toResponse()));
  }

  /**
   * {@code {orderIds:[...]}}: {@code {existing:[...]}}; for the product service's reservation
   * sweeper only. Every order not among the existing ones can no longer be created.
   */
  public Future<BusReply> exists(BusRequest request) {
    request.caller().requireInternal();
    JsonArray given = request.body().getValue("orderIds") instanceof JsonArray array ? array : new JsonArray();
    List<UUID> ids = given.stream().map(Ids::parse).flatMap(Optional::stream).toList();
    if (ids.isEmpty() || ids.size() != given.size() || ids.size() > OrderExistsRequest.MAX_ORDERS) {
      throw ShopException.invalidField("orderIds", "must be 1 to " + OrderExistsRequest.MAX_ORDERS + " order ids");
    }
    return orders.existing(ids).map(existing -> BusReply.ok(new OrderExistsReply(existing).toJson()));
  }

  /**
   * Moves the order to {@code target} if the state machine allows it from its status at that
   * moment; 409 otherwise. Reaching CANCELLED gives the reserved stock back (now, or by a later
   * retry of {@link CancelledStock} if the product service cannot take it now).
   */
  private Future<StatusChange> move(UUID id, OrderStatus target, String reason, String requestId) {
    return orders.transition(id, target, reason).compose(changed -> {
      if (changed.isEmpty()) {
        return orders.find(id).map(order -> {
          throw order.isEmpty() ? notFound() : ShopException.conflict(
              "An order that is " + order.get().status() + " cannot become " + target);
        });
      }
      if (!target.releasesStock()) {
        return Future.succeededFuture(changed.get());
      }
      return cancelledStock.release(id, requestId).transform(released -> Future.succeededFuture(changed.get()));
    });
  }

  private Future<Order> visible(Caller caller, UUID id) {
    return orders.find(id).map(order -> order.filter(o -> caller.mayAccess(o.userId().toString()))
        .orElseThrow(OrderHandlers::notFound));
  }

  private static ShopException notFound() {
    return ShopException.notFound("Order not found");
  }
}
