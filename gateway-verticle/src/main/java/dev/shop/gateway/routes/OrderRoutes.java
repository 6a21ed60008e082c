package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.ADMIN;
import static dev.shop.gateway.auth.Access.USER;

import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.Payload;

/** The contract's "Orders" (openapi.json): checkout and the order lifecycle, in the order service. */
public final class OrderRoutes {

  private OrderRoutes() {
  }

  public static void register(Api api) {
    api.post("/orders", USER, "order.create", Payload.body());
    api.get("/orders", USER, "order.listByUser", Payload.query());
    api.get("/orders/:id", USER, "order.get", Payload.pathId());
    api.put("/orders/:id/status", ADMIN, "order.updateStatus", Payload.update());
    api.put("/orders/:id/cancel", USER, "order.cancel", Payload.update());
  }
}
