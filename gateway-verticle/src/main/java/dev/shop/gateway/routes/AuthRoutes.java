package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.ADMIN;
import static dev.shop.gateway.auth.Access.PUBLIC;
import static dev.shop.gateway.auth.Access.USER;

import dev.shop.contract.user.UserSubjects;
import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.Payload;

/** The contract's "Auth and users" (openapi.json): the user service's accounts and tokens. */
public final class AuthRoutes {

  private AuthRoutes() {
  }

  public static void register(Api api) {
    api.post("/auth/register", PUBLIC, UserSubjects.AUTH_REGISTER, Payload.body());
    api.post("/auth/login", PUBLIC, UserSubjects.AUTH_LOGIN, Payload.body());
    api.post("/auth/refresh", PUBLIC, UserSubjects.AUTH_REFRESH, Payload.body());
    api.post("/auth/logout", PUBLIC, UserSubjects.AUTH_LOGOUT, Payload.body());
    api.get("/auth/me", USER, UserSubjects.USER_FIND_BY_ID, Payload.callerId());
    api.post("/auth/verify", PUBLIC, UserSubjects.AUTH_VERIFY, Payload.body());
    api.get("/.well-known/jwks.json", PUBLIC, UserSubjects.AUTH_JWKS, Payload.empty());

    api.get("/users", ADMIN, UserSubjects.USER_LIST, Payload.query());
    api.get("/users/email/:email", ADMIN, UserSubjects.USER_FIND_BY_EMAIL, Payload.path("email"));
    api.get("/users/:id", USER, UserSubjects.USER_FIND_BY_ID, Payload.pathId());
    api.post("/users", ADMIN, UserSubjects.USER_CREATE, Payload.body());
    api.put("/users/:id/deactivate", ADMIN, UserSubjects.USER_DEACTIVATE, Payload.pathId());
    api.put("/users/:id", USER, UserSubjects.USER_UPDATE, Payload.update());
  }
}
