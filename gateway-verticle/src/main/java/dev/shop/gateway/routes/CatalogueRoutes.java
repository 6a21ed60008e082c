package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.ADMIN;
import static dev.shop.gateway.auth.Access.PUBLIC;

import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.Payload;

/** The contract's "Catalogue" (openapi.json): categories, products and stock, in the product service. */
public final class CatalogueRoutes {

  private CatalogueRoutes() {
  }

  public static void register(Api api) {
    api.get("/categories", PUBLIC, "category.list", Payload.query());
    api.get("/categories/slug/:slug", PUBLIC, "category.getBySlug", Payload.path("slug"));
    api.get("/categories/:id", PUBLIC, "category.getById", Payload.pathId());
    api.post("/categories", ADMIN, "category.create", Payload.body());
    api.put("/categories/:id", ADMIN, "category.update", Payload.update());
    api.delete("/categories/:id", ADMIN, "category.delete", Payload.pathId());

    api.get("/products", PUBLIC, "product.list", Payload.query());
    api.get("/products/slug/:slug", PUBLIC, "product.getBySlug", Payload.path("slug"));
    api.get("/products/:id", PUBLIC, "product.getById", Payload.pathId());
    api.post("/products", ADMIN, "product.create", Payload.body());
    api.put("/products/:id", ADMIN, "product.update", Payload.update());
    api.delete("/products/:id", ADMIN, "product.delete", Payload.pathId());
    api.post("/products/:id/stock", ADMIN, "product.adjustStock", Payload.update());
  }
}
