package dev.shop.gateway.routes;

import dev.shop.common.json.Gzip;
import dev.shop.gateway.http.AcceptEncoding;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;

/**
 * The operator console: {@code GET /admin/} (its page, from the jar's {@code admin/} folder, never
 * cached), its stylesheets and modules under {@code /admin/css/} and {@code /admin/js/} (cached),
 * and the charting library at {@code /admin/vendor/echarts.min.js} from the ECharts webjar. Every
 * answer carries the console's security headers: a strict Content-Security-Policy (no inline code,
 * nothing from other origins), no framing, no referrer, no content sniffing.
 */
public final class ConsoleRoutes {

  /** The console's page; {@code /admin} redirects here (its modules are loaded relative to it). */
  public static final String PAGE = "/admin/";
  /** The folders of the console's files: served as files, never rate-limited as API calls. */
  public static final List<String> FOLDERS = List.of("/admin/css/", "/admin/js/", "/admin/vendor/");

  private static final String FILES = "admin";
  private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  /** A release replaces the files under the same names: a browser checks again within the hour. */
  private static final long FILES_MAX_AGE_SECONDS = 3600;
  /** The library changes only when the webjar's version does (a release): kept a day. */
  private static final String ECHARTS_CACHE = "public, max-age=86400";

  private ConsoleRoutes() {
  }

  /** Whether {@code path} is one of the console's files (its page or a file of its folders). */
  public static boolean serves(String path) {
    return path.equals("/admin") || path.equals(PAGE) || FOLDERS.stream().anyMatch(path::startsWith);
  }

  /** Reads the page and the charting library, then registers the routes. */
  public static Future<Void> register(Vertx vertx, Router router) {
    Future<Buffer> page = vertx.fileSystem().readFile(FILES + "/index.html");
    Future<Buffer> echarts = vertx.fileSystem().readFile(
        Webjars.folder("org.webjars.npm", "echarts") + "dist/echarts.min.js");
    // A megabyte, a third of it in gzip: compressed once, off the event loop.
    Future<Buffer> echartsGzipped = echarts.compose(library -> vertx.executeBlocking(() -> Gzip.compress(library)));
    return Future.all(page, echarts, echartsGzipped).map(read -> {
      router.get(PAGE).handler(ConsoleRoutes::secure).handler(ctx -> ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(page.result()));
      // The page's relative links need the trailing slash.
      router.get("/admin").handler(ctx -> ctx.redirect(PAGE));
      router.get("/admin/vendor/echarts.min.js").handler(ConsoleRoutes::secure).handler(ctx -> {
        HttpServerResponse response = ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8")
            .putHeader(HttpHeaders.CACHE_CONTROL, ECHARTS_CACHE)
            .putHeader(HttpHeaders.VARY, "Accept-Encoding");
        if (AcceptEncoding.takesGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING))) {
          response.putHeader(HttpHeaders.CONTENT_ENCODING, Gzip.ENCODING).end(echartsGzipped.result());
        } else {
          response.end(echarts.result());
        }
      });
      for (String folder : List.of("css", "js")) {
        router.get("/admin/" + folder + "/*").handler(ConsoleRoutes::secure).handler(StaticHandler
            .create(FILES + "/" + folder).setCachingEnabled(true).setMaxAgeSeconds(FILES_MAX_AGE_SECONDS)
            .setDefaultContentEncoding("UTF-8"));
      }
      return null;
    });
  }

  private static void secure(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Content-Type-Options", "nosniff");
    ctx.next();
  }
}
