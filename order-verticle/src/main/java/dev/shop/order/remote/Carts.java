package dev.shop.order.remote;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.RequestMeta;
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
    return bus.request("cart.get", new JsonObject(), caller).map(reply -> reply.bodyAsObject()
        .getJsonArray("items").stream()
        .map(item -> (JsonObject) item)
        .map(item -> new OrderLine(item.getString("productId"), item.getInteger("quantity")))
        .toList());
  }

  /** Takes the ordered quantities out of the caller's cart ({@code cart.removeOrdered}). */
  public Future<Void> removeOrdered(RequestMeta caller, List<OrderLine> lines) {
    return bus.request("cart.removeOrdered", new JsonObject().put("items", OrderLine.toJson(lines)), caller)
        .mapEmpty();
  }
}
