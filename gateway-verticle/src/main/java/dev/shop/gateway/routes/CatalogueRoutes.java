package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.ADMIN;
import static dev.shop.gateway.auth.Access.PUBLIC;
import static dev.shop.gateway.auth.Access.PUBLIC_OR_USER;

import dev.shop.contract.product.ProductSubjects;
import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.Payload;

/** The contract's "Catalogue" (openapi.json): categories, products and stock, in the product service. */
public final class CatalogueRoutes {

  private CatalogueRoutes() {
  }

  public static void register(Api api) {
    api.get("/categories", PUBLIC, ProductSubjects.CATEGORY_LIST, Payload.query());
    api.get("/categories/slug/:slug", PUBLIC, ProductSubjects.CATEGORY_GET_BY_SLUG, Payload.path("slug"));
    api.get("/categories/:id", PUBLIC, ProductSubjects.CATEGORY_GET_BY_ID, Payload.pathId());
    api.post("/categories", ADMIN, ProductSubjects.CATEGORY_CREATE, Payload.body());
    api.put("/categories/:id", ADMIN, ProductSubjects.CATEGORY_UPDATE, Payload.update());
    api.delete("/categories/:id", ADMIN, ProductSubjects.CATEGORY_DELETE, Payload.pathId());

    // Public, but sort=stock_asc is for administrators: the product service needs the caller.
    api.get("/products", PUBLIC_OR_USER, ProductSubjects.PRODUCT_LIST, Payload.query());
    api.get("/products/slug/:slug", PUBLIC, ProductSubjects.PRODUCT_GET_BY_SLUG, Payload.path("slug"));
    api.get("/products/:id", PUBLIC, ProductSubjects.PRODUCT_GET_BY_ID, Payload.pathId());
    api.post("/products", ADMIN, ProductSubjects.PRODUCT_CREATE, Payload.body());
    api.put("/products/:id", ADMIN, ProductSubjects.PRODUCT_UPDATE, Payload.update());
    api.delete("/products/:id", ADMIN, ProductSubjects.PRODUCT_DELETE, Payload.pathId());
    api.post("/products/:id/stock", ADMIN, ProductSubjects.PRODUCT_ADJUST_STOCK, Payload.update());
  }
}
