package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.ADMIN;
import static dev.shop.gateway.auth.Access.USER;

import dev.shop.contract.order.OrderSubjects;
import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.Payload;

/**
 * The contract's "Orders" (openapi.json): checkout and the order lifecycle, and the administrators'
 * views of all orders (the operator console's), in the order service.
 */
public final class OrderRoutes {

  private OrderRoutes() {
  }

  public static void register(Api api) {
    api.post("/orders", USER, OrderSubjects.CREATE, Payload.body());
    api.get("/orders", USER, OrderSubjects.LIST_BY_USER, Payload.query());
    api.get("/orders/:id", USER, OrderSubjects.GET, Payload.pathId());
    api.put("/orders/:id/status", ADMIN, OrderSubjects.UPDATE_STATUS, Payload.update());
    api.put("/orders/:id/cancel", USER, OrderSubjects.CANCEL, Payload.update());
    api.get("/admin/orders", ADMIN, OrderSubjects.ADMIN_LIST, Payload.query());
    api.get("/admin/orders/:id", ADMIN, OrderSubjects.ADMIN_DETAIL, Payload.pathId());
  }
}
