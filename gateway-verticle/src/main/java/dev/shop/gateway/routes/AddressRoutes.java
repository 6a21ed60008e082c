package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.USER;

import dev.shop.contract.user.UserSubjects;
import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.Payload;

/** The contract's "Addresses" (openapi.json): the caller's own addresses, in the user service. */
public final class AddressRoutes {

  private AddressRoutes() {
  }

  public static void register(Api api) {
    api.get("/addresses", USER, UserSubjects.ADDRESS_LIST_BY_USER, Payload.empty());
    api.post("/addresses", USER, UserSubjects.ADDRESS_CREATE, Payload.body());
    api.put("/addresses/:id/set-default", USER, UserSubjects.ADDRESS_SET_DEFAULT, Payload.pathId());
    api.put("/addresses/:id", USER, UserSubjects.ADDRESS_UPDATE, Payload.update());
    api.delete("/addresses/:id", USER, UserSubjects.ADDRESS_DELETE, Payload.pathId());
  }
}
