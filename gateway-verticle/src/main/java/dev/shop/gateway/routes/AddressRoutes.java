package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.USER;

import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.Payload;

/** The contract's "Addresses" (openapi.json): the caller's own addresses, in the user service. */
public final class AddressRoutes {

  private AddressRoutes() {
  }

  public static void register(Api api) {
    api.get("/addresses", USER, "address.listByUser", Payload.empty());
    api.post("/addresses", USER, "address.create", Payload.body());
    api.put("/addresses/:id/set-default", USER, "address.setDefault", Payload.pathId());
    api.put("/addresses/:id", USER, "address.update", Payload.update());
    api.delete("/addresses/:id", USER, "address.delete", Payload.pathId());
  }
}
