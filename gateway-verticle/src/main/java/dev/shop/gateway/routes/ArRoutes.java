package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.PUBLIC;
import static dev.shop.gateway.auth.Access.USER;

import dev.shop.contract.ar.ArSubjects;
import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.Payload;

/** docs/ar.md: snapshots users take of products in AR, in the ar service. */
public final class ArRoutes {

  private ArRoutes() {
  }

  public static void register(Api api) {
    api.get("/ar/snapshots", PUBLIC, ArSubjects.SNAPSHOT_LIST, Payload.query());
    api.post("/ar/snapshots", USER, ArSubjects.SNAPSHOT_CREATE, Payload.body());
  }
}
