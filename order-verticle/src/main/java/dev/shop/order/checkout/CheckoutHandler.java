package dev.shop.order.checkout;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.contract.product.ReservedLine;
import dev.shop.order.order.Order;
import dev.shop.order.order.OrderItem;
import dev.shop.order.order.OrderRepository;
import dev.shop.order.remote.Addresses;
import dev.shop.order.remote.Carts;
import dev.shop.order.remote.StockReservations;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code order.create} subject: checkout. Reserves the stock of every line in the product
 * service (which answers today's prices) and writes the order in one transaction. The order's
 * existence is what keeps the reserved stock sold: nothing confirms the reservation, the product
 * service's sweeper settles it once it expires by asking {@code order.exists}, whose answer is
 * final (an order it answered as missing can no longer be written). A reservation whose order never
 * gets written is released, here or by that sweeper; so no path sells stock twice or loses it.
 */
public final class CheckoutHandler {

  private static final Logger log = LoggerFactory.getLogger(CheckoutHandler.class);
  private static final int KEY_MAX = 255;
  /** How often a checkout asks the cart service to take the ordered lines out. */
  private static final int CART_REMOVAL_ATTEMPTS = 2;

  private final OrderRepository orders;
  private final IdempotencyKeys keys;
  private final StockReservations stock;
  private final Carts carts;
  private final Addresses addresses;

  public CheckoutHandler(Pool pool, Duration keysKept, OrderRepository orders, StockReservations stock, Carts carts,
      Addresses addresses) {
    this.orders = orders;
    this.keys = new IdempotencyKeys(pool, keysKept);
    this.stock = stock;
    this.carts = carts;
    this.addresses = addresses;
  }

  /**
   * {@code {addressId?, items?}} with an optional Idempotency-Key: 201 OrderResponse. A repeat of
   * a finished request with the same key and body answers the same order; with another body, or
   * while the first is still running, 409.
   */
  public Future<BusReply> create(BusRequest request) {
    UUID userId = request.caller().requireUserId();
    CheckoutRequest checkout = CheckoutRequest.from(request.body());
    String key = request.idempotencyKey();
    if (key == null) {
      return place(request, userId, checkout, null).map(CheckoutHandler::created);
    }
    if (key.isBlank() || key.length() > KEY_MAX) {
      throw ShopException.invalidField("Idempotency-Key", "must be 1 to " + KEY_MAX + " characters");
    }
    byte[] hash = checkout.hash();
    return keys.claim(userId, key, hash).compose(used -> {
      if (used.isEmpty()) {
        return place(request, userId, checkout, key)
            .recover(failure -> keys.release(userId, key).transform(released -> Future.failedFuture(failure)));
      }
      if (!used.get().sameRequest(hash)) {
        throw ShopException.conflict("This Idempotency-Key was already used with a different request");
      }
      if (!used.get().finished()) {
        throw ShopException.conflict("A request with this Idempotency-Key is still being processed");
      }
      return orders.find(used.get().orderId()).map(Optional::orElseThrow);
    }).map(CheckoutHandler::created);
  }

  private static BusReply created(Order order) {
    return BusReply.created(order.toResponse());
  }

  private Future<Order> place(BusRequest request, UUID userId, CheckoutRequest checkout, String key) {
    RequestMeta caller = RequestMeta.of(request.caller(), request.requestId());
    Future<List<OrderLine>> lines = checkout.fromCart() ? cartLines(caller) : Future.succeededFuture(checkout.items());
    Future<Void> address = checkout.addressId() == null ? Future.succeededFuture()
        : addresses.owns(caller, checkout.addressId()).map(owned -> {
          if (!owned) {
            throw ShopException.invalidField("addressId", "must be one of your addresses");
          }
          return null;
        });
    return Future.all(lines, address).compose(ready -> {
      UUID orderId = Ids.newId();
      String requestId = request.requestId();
      return stock.reserve(orderId, lines.result(), requestId)
          .compose(reserved -> orders.insert(pending(orderId, userId, checkout.addressId(), reserved),
                  client -> completeKey(client, userId, key, orderId))
              .recover(failure -> OrderRepository.certainlyNotWritten(failure)
                  ? stock.release(orderId, requestId).transform(released -> Future.failedFuture(failure))
                  : Future.failedFuture(failure)))
          .compose(order -> checkout.fromCart() ? emptyCart(caller, lines.result(), order) : Future.succeededFuture(order));
    });
  }

  /**
   * Removes the ordered lines from the cart before answering, so the client that reads its cart
   * next finds them gone. The order exists either way: a cart the cart service could not empty now
   * keeps the lines (logged), it does not fail the checkout.
   */
  private Future<Order> emptyCart(RequestMeta caller, List<OrderLine> lines, Order order) {
    return removeOrdered(caller, lines, CART_REMOVAL_ATTEMPTS).map(order).recover(failure -> {
      log.atWarn().addKeyValue("orderId", order.id()).addKeyValue("reason", failure.getMessage())
          .log("ordered lines stay in the cart");
      return Future.succeededFuture(order);
    });
  }

  /**
   * Asks again after a server error: the cart service answered it after rolling its transaction
   * back (or nothing answered), so nothing was taken out and asking again cannot take units out
   * twice. A time-out (504) may have taken them out: not asked again.
   */
  private Future<Void> removeOrdered(RequestMeta caller, List<OrderLine> lines, int attempts) {
    return carts.removeOrdered(caller, lines).recover(failure -> attempts > 1 && failure instanceof ShopException shop
        && shop.status() >= 500 && shop.status() != 504
        ? removeOrdered(caller, lines, attempts - 1)
        : Future.failedFuture(failure));
  }

  private Future<List<OrderLine>> cartLines(RequestMeta caller) {
    return carts.lines(caller).map(lines -> {
      if (lines.isEmpty()) {
        throw ShopException.badRequest("The cart is empty");
      }
      return lines;
    });
  }

  private static Order pending(UUID orderId, UUID userId, UUID addressId, List<ReservedLine> reserved) {
    List<OrderItem> items = reserved.stream().map(line -> new OrderItem(Ids.newId(), orderId, line.productId(),
        line.quantity(), line.priceInt(), line.sku(), line.name(), line.slug(), line.imageUrls(), null)).toList();
    return Order.pending(orderId, userId, addressId, items);
  }

  private Future<Void> completeKey(SqlClient client, UUID userId, String key, UUID orderId) {
    return key == null ? Future.succeededFuture() : keys.complete(client, userId, key, orderId);
  }
}
