package dev.shop.order.remote;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.RequestMeta;
import dev.shop.contract.cart.CartLine;
import dev.shop.contract.cart.CartLines;
import dev.shop.contract.cart.CartSubjects;
import dev.shop.contract.cart.RemoveOrderedRequest;
import dev.shop.order.checkout.OrderLine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The cart service, asked on behalf of the user who checks out. */
public final class Carts {

  private final Bus bus;

  public Carts(Bus bus) {
    this.bus = bus;
  }

  /** The lines of the caller's cart ({@code cart.get}). */
  public Future<List<OrderLine>> lines(RequestMeta caller) {
    return bus.request(CartSubjects.GET, new JsonObject(), caller).map(reply -> CartLines.fromJson(reply.bodyAsObject())
        .items().stream()
        .map(line -> new OrderLine(line.productId(), line.quantity()))
        .toList());
  }

  /** Takes the ordered quantities out of the caller's cart ({@code cart.removeOrdered}). */
  public Future<Void> removeOrdered(RequestMeta caller, List<OrderLine> lines) {
    RemoveOrderedRequest ordered = new RemoveOrderedRequest(lines.stream()
        .map(line -> new CartLine(line.productId(), line.quantity()))
        .toList());
    return bus.request(CartSubjects.REMOVE_ORDERED, ordered.toJson(), caller).mapEmpty();
  }
}
