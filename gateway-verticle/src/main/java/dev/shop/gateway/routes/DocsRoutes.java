package dev.shop.gateway.routes;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The contract and its viewer: {@code GET /openapi.json} (the OpenAPI 3 document of every route,
 * kept in the {@code contracts} module's {@code resources/openapi/openapi.json}, on the class path), {@code GET /docs/} (Swagger UI from its webjar,
 * no CDN) and {@code GET /} leading there.
 */
public final class DocsRoutes {

  private DocsRoutes() {
  }

  /** Reads the document and the viewer's page, then registers the routes. */
  public static Future<Void> register(Vertx vertx, Router router) {
    Future<Buffer> document = vertx.fileSystem().readFile("openapi/openapi.json");
    Future<Buffer> page = vertx.fileSystem().readFile("openapi/docs.html");
    return Future.all(document, page).map(read -> {
      router.get("/openapi.json").handler(ctx -> ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8").end(document.result()));
      router.get("/").handler(ctx -> ctx.redirect("/docs/"));
      // Our page (it loads /openapi.json) before the webjar's own index, which shows a sample API.
      // The route matches /docs too: the page's relative links need the trailing slash.
      router.get("/docs/").handler(ctx -> {
        if (!ctx.request().path().endsWith("/")) {
          ctx.redirect("/docs/");
          return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").end(page.result());
      });
      router.get("/docs/*")
          .handler(StaticHandler.create(Webjars.folder("org.webjars", "swagger-ui")).setCachingEnabled(true));
      return null;
    });
  }
}
