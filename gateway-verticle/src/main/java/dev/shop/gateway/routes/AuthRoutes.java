package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.ADMIN;
import static dev.shop.gateway.auth.Access.PUBLIC;
import static dev.shop.gateway.auth.Access.USER;

import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.Payload;

/** The contract's "Auth and users" (openapi.json): the user service's accounts and tokens. */
public final class AuthRoutes {

  private AuthRoutes() {
  }

  public static void register(Api api) {
    api.post("/auth/register", PUBLIC, "auth.register", Payload.body());
    api.post("/auth/login", PUBLIC, "auth.login", Payload.body());
    api.post("/auth/refresh", PUBLIC, "auth.refresh", Payload.body());
    api.post("/auth/logout", PUBLIC, "auth.logout", Payload.body());
    api.get("/auth/me", USER, "user.findById", Payload.callerId());
    api.post("/auth/verify", PUBLIC, "auth.verify", Payload.body());
    api.get("/.well-known/jwks.json", PUBLIC, "auth.jwks", Payload.empty());

    api.get("/users", ADMIN, "user.list", Payload.query());
    api.get("/users/email/:email", ADMIN, "user.findByEmail", Payload.path("email"));
    api.get("/users/:id", USER, "user.findById", Payload.pathId());
    api.post("/users", ADMIN, "user.create", Payload.body());
    api.put("/users/:id/deactivate", ADMIN, "user.deactivate", Payload.pathId());
    api.put("/users/:id", USER, "user.update", Payload.update());
  }
}
