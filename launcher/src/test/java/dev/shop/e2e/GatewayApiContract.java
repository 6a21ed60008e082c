package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.testing.TestSettings;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the gateway does for every route: request ids, body rules, errors, CORS, health. */
abstract class GatewayApiContract extends ApiTest {

  @Test
  void everyAnswerCarriesARequestIdEchoingTheClients() {
    Http.Response generated = http.get("/health/live", null);
    assertThat(generated.header("X-Request-Id")).isNotBlank();

    Http.Response echoed = http.send("GET", "/auth/me", null, null, Map.of("X-Request-Id", "client-chosen-42"));
    assertThat(echoed.header("X-Request-Id")).isEqualTo("client-chosen-42");
    assertThat(assertError(echoed, 401, "/auth/me").getString("requestId")).isEqualTo("client-chosen-42");
  }

  @Test
  void theClientsTraceIsContinuedAndAnsweredInTraceresponse() {
    Http.Response traced = http.send("GET", "/products?pageSize=1", null, null,
        Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    assertThat(traced.header("traceresponse")).matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01")
        .doesNotContain("b7ad6b7169203331");

    Http.Response invalid = http.send("GET", "/products?pageSize=1", null, null, Map.of("traceparent", "00-zz-yy-01"));
    assertThat(invalid.header("traceresponse")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    Http.Response fresh = http.get("/health/live", null);
    assertThat(fresh.header("traceresponse")).isNotEqualTo(invalid.header("traceresponse"));
  }

  /**
   * The lines appended so far. Event loops append while the test reads: the appender appends under
   * its own monitor, so a copy taken under it is consistent.
   */
  private static java.util.List<ch.qos.logback.classic.spi.ILoggingEvent> logged(
      ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines) {
    synchronized (lines) {
      return new java.util.ArrayList<>(lines.list);
    }
  }

  @Test
  void everyRequestGetsOneAccessLineAndEachBusHopOneBusLineWithTheSameTrace() throws Exception {
    ch.qos.logback.classic.Logger access = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("access");
    ch.qos.logback.classic.Logger bus = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("bus");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    ch.qos.logback.classic.Level accessLevel = access.getLevel();
    ch.qos.logback.classic.Level busLevel = bus.getLevel();
    for (ch.qos.logback.classic.Logger logger : java.util.List.of(access, bus)) {
      logger.setLevel(ch.qos.logback.classic.Level.INFO);
      logger.addAppender(lines);
    }
    String requestId = "log-test-" + java.util.UUID.randomUUID();
    Session user = register("logged");
    try {
      http.send("GET", "/orders", null, user.accessToken(), Map.of("X-Request-Id", requestId,
          "traceparent", "00-1f2e3d4c5b6a79881f2e3d4c5b6a7988-1122334455667788-01"));
      long deadline = System.currentTimeMillis() + 5_000;
      while (logged(lines).stream().noneMatch(line -> line.getLoggerName().equals("access")
          && requestId.equals(keyValues(line).get("requestId"))) && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
    } finally {
      access.detachAppender(lines);
      bus.detachAppender(lines);
      access.setLevel(accessLevel);
      bus.setLevel(busLevel);
    }
    java.util.List<Map<String, Object>> mine = logged(lines).stream().map(GatewayApiContract::withLogger)
        .filter(line -> requestId.equals(line.get("requestId"))).toList();
    assertThat(mine).as("the request's lines").anySatisfy(line -> assertThat(line)
        .containsEntry("logger", "access").containsEntry("method", "GET").containsEntry("route", "/orders")
        .containsEntry("path", "/orders").containsEntry("status", 200).containsEntry("userId", user.userId())
        .containsEntry("traceId", "1f2e3d4c5b6a79881f2e3d4c5b6a7988").containsKey("durationMs"));
    assertThat(mine).anySatisfy(line -> assertThat(line).containsEntry("logger", "bus")
        .containsEntry("subject", "order.listByUser").containsEntry("status", 200)
        .containsEntry("userId", user.userId()).containsEntry("traceId", "1f2e3d4c5b6a79881f2e3d4c5b6a7988"));
  }

  private static Map<String, Object> keyValues(ch.qos.logback.classic.spi.ILoggingEvent line) {
    Map<String, Object> values = new java.util.HashMap<>();
    if (line.getKeyValuePairs() != null) {
      line.getKeyValuePairs().forEach(pair -> values.put(pair.key, pair.value));
    }
    return values;
  }

  private static Map<String, Object> withLogger(ch.qos.logback.classic.spi.ILoggingEvent line) {
    Map<String, Object> values = keyValues(line);
    values.put("logger", line.getLoggerName());
    return values;
  }

  @Test
  void aBodyOverOneMebibyteIs413() {
    String big = "{\"email\":\"" + "a".repeat(1024 * 1024) + "\"}";
    assertError(http.post("/auth/login", big, null), 413, "/auth/login");
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    assertError(http.send("POST", "/auth/login", "email=a&password=b", null,
        Map.of("Content-Type", "application/x-www-form-urlencoded")), 415, "/auth/login");
    assertError(http.send("POST", "/auth/login", "{\"email\":\"a\"}", null, Map.of("Content-Type", "text/plain")), 415,
        "/auth/login");
  }

  @Test
  void malformedJsonOrANonObjectIs400() {
    assertError(http.post("/auth/login", "{\"email\":", null), 400, "/auth/login");
    assertError(http.post("/auth/login", "[1,2]", null), 400, "/auth/login");
    assertError(http.post("/auth/login", "\"text\"", null), 400, "/auth/login");
  }

  @Test
  void unknownRoutesAndMethodsAnswerJson() {
    assertError(http.get("/no/such/route?x=1", null), 404, "/no/such/route");
    assertError(http.send("PATCH", "/auth/login", "{}", null, Map.of()), 405, "/auth/login");
  }

  @Test
  void healthProbesAnswer() {
    Http.Response live = http.get("/health/live", null);
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().getString("status")).isEqualTo("UP");
    Http.Response ready = http.get("/health/ready", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().getString("status")).isEqualTo("UP");
  }

  @Test
  void healthPingsEveryServiceAndCountsItsInstances() {
    Http.Response health = http.get("/health", null);
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    assertThat(health.json().getString("status")).isEqualTo("UP");
    assertThat(health.json().getJsonObject("gateway").getString("status")).isEqualTo("UP");
    JsonObject services = health.json().getJsonObject("services");
    assertThat(services.fieldNames()).containsExactlyInAnyOrder("user", "product", "cart", "order", "payment",
        "report", "ar");
    int instancesPerService = Runtime.getRuntime().availableProcessors();
    for (String service : services.fieldNames()) {
      JsonObject status = services.getJsonObject(service);
      assertThat(status.getString("status")).as(service).isEqualTo("UP");
      assertThat(status.getInteger("instances")).as(service).isEqualTo(instancesPerService);
      assertThat(status.getDouble("latencyMs")).as(service).isBetween(0.0, 1000.0);
    }
  }

  @Test
  void metricsArePrometheusTextByRouteSubjectAndPool() {
    assertThat(http.get("/products?limit=1", null).status()).isEqualTo(200);
    assertThat(http.get("/products/not-a-uuid", null).status()).isEqualTo(404);
    assertThat(http.get("/health/live", null).status()).isEqualTo(200);
    assertThat(http.get("/no/such/path/4711", null).status()).isEqualTo(404);
    assertThat(http.send("BREW", "/products", null, null, Map.of()).status()).isGreaterThanOrEqualTo(400);

    Http.Response metrics = http.get("/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    String text = metrics.text();
    // HTTP requests by route template (never the path with its id), method and status.
    assertThat(text).containsPattern("vertx_http_server_requests_total\\{[^}]*route=\"/products\"[^}]*\\}")
        .containsPattern("vertx_http_server_requests_total\\{[^}]*code=\"404\"[^}]*route=\"/products/:id\"")
        .doesNotContain("/products/not-a-uuid")
        .containsPattern("vertx_http_server_response_time_seconds_bucket\\{[^}]*route=\"/products\"")
        .containsPattern("vertx_http_server_requests_total\\{[^}]*route=\"/health/live\"")
        // A path no route answers is one series, whatever the path; a method HTTP does not define is OTHER.
        .containsPattern("vertx_http_server_requests_total\\{code=\"404\",method=\"GET\",route=\"\"\\}")
        .doesNotContain("/no/such/path/4711").doesNotContain("BREW")
        .containsPattern("vertx_http_server_requests_total\\{[^}]*method=\"OTHER\"")
        .contains("vertx_http_server_active_requests");
    // Bus requests sent by the gateway and handled by the services, by subject and status.
    assertThat(text).containsPattern("shop_bus_requests_seconds_count\\{[^}]*status=\"200\",subject=\"product.list\"")
        .containsPattern("shop_bus_handled_seconds_bucket\\{[^}]*subject=\"product.list\"")
        .containsPattern("shop_bus_requests_seconds_count\\{[^}]*status=\"404\",subject=\"product.getById\"");
    // Database pools, and the JVM.
    assertThat(text).containsPattern("vertx_pool_[a-z_]+\\{[^}]*pool_type=\"sql\"")
        .contains("jvm_memory_used_bytes").contains("jvm_gc_").contains("process_cpu_usage");
  }

  /** The viewer, the document itself and the operator console's files are not operations of the API. */
  private static final java.util.Set<String> NOT_IN_THE_DOCUMENT = java.util.Set.of("GET /", "GET /docs/",
      "GET /docs/*", "GET /openapi.json", "GET /admin", "GET /admin/", "GET /admin/css/", "GET /admin/js/",
      "GET /admin/vendor/echarts.min.js");

  @Test
  void theOpenApiDocumentListsExactlyTheGatewaysRoutes() {
    Http.Response document = http.get("/openapi.json", null);
    assertThat(document.status()).isEqualTo(200);
    assertThat(document.header("Content-Type")).startsWith("application/json");
    JsonObject openApi = document.json();
    assertThat(openApi.getString("openapi")).startsWith("3.");

    java.util.List<String> documented = new java.util.ArrayList<>();
    JsonObject paths = openApi.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (java.util.Set.of("get", "put", "post", "delete", "patch").contains(method)) {
          JsonObject operation = item.getJsonObject(method);
          assertThat(operation.getJsonObject("responses").fieldNames()).as(method + " " + path).isNotEmpty();
          assertThat(operation.getString("operationId")).as(method + " " + path).isNotBlank();
          documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.replaceAll("\\{([^}]+)}", ":$1"));
        }
      }
    }
    java.util.List<String> routes = RunningPlatform.shared(bus()).gatewayRoutes().stream()
        .filter(route -> !NOT_IN_THE_DOCUMENT.contains(route)).toList();
    assertThat(routes).as("gateway routes").hasSizeGreaterThan(50);
    assertThat(documented).as("documented operations against the gateway's routes")
        .containsExactlyInAnyOrderElementsOf(routes);
  }

  @Test
  void apiDocsAreServedFromTheJarAndTheRootLeadsThere() {
    Http.Response root = http.get("/", null);
    assertThat(root.status()).isEqualTo(302);
    assertThat(root.header("Location")).isEqualTo("/docs/");
    assertThat(http.get("/docs", null).header("Location")).isEqualTo("/docs/");
    Http.Response page = http.get("/docs/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains("swagger-ui-bundle.js").contains("/openapi.json");
    Http.Response script = http.get("/docs/swagger-ui-bundle.js", null);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Content-Type")).contains("javascript");
    assertThat(script.text().length()).isGreaterThan(100_000);
  }

  @Test
  void theOperatorConsoleIsServedFromTheJarWithItsSecurityHeadersAndOutsideTheRateLimits() {
    Http.Response redirect = http.get("/admin", null);
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location")).isEqualTo("/admin/");

    Http.Response page = http.get("/admin/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.text()).contains("<main id=\"view\"").contains("js/app.js");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").contains("script-src 'self'")
        .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    assertThat(page.header("RateLimit-Limit")).as("a console file is not an API call").isNull();

    Http.Response app = http.get("/admin/js/app.js", null);
    assertThat(app.status()).isEqualTo(200);
    assertThat(app.header("Content-Type")).contains("javascript");
    assertThat(app.header("Cache-Control")).contains("max-age");
    assertThat(app.header("Content-Security-Policy")).isEqualTo(page.header("Content-Security-Policy"));
    assertThat(http.get("/admin/css/console.css", null).header("Content-Type")).startsWith("text/css");

    Http.Response echarts = http.get("/admin/vendor/echarts.min.js", null);
    assertThat(echarts.status()).isEqualTo(200);
    assertThat(echarts.header("Content-Type")).contains("javascript");
    assertThat(echarts.text()).contains("echarts");
    assertThat(echarts.bytes().length).isGreaterThan(500_000);
    Http.Response gzipped = http.send("GET", "/admin/vendor/echarts.min.js", null, null,
        Map.of("Accept-Encoding", "gzip"));
    assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(dev.shop.common.json.Gzip.decompress(io.vertx.core.buffer.Buffer.buffer(gzipped.bytes())).getBytes())
        .isEqualTo(echarts.bytes());

    Http.Response unknown = http.get("/admin/x.js", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getInteger("statusCode")).isEqualTo(404);
    assertThat(http.get("/admin/js/no-such-module.js", null).status()).isEqualTo(404);
  }

  @Test
  void corsAllowsTheConfiguredOriginsOnly() {
    Http.Response allowed = http.send("OPTIONS", "/auth/login", null, null, Map.of(
        "Origin", TestSettings.CORS_ORIGIN, "Access-Control-Request-Method", "POST",
        "Access-Control-Request-Headers", "content-type,authorization"));
    assertThat(allowed.status()).isIn(200, 204);
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(TestSettings.CORS_ORIGIN);

    Http.Response simple = http.send("GET", "/health/live", null, null, Map.of("Origin", TestSettings.CORS_ORIGIN));
    assertThat(simple.header("Access-Control-Expose-Headers")).containsIgnoringCase("X-Request-Id");

    Http.Response refused = http.send("OPTIONS", "/auth/login", null, null, Map.of(
        "Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
    assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void aPageOfTheGatewaysOwnOriginIsNoCrossOriginCaller() {
    // Browsers send Origin with module scripts and non-GET fetches even to their own origin (the console).
    Map<String, String> own = Map.of("Origin", "http://localhost:" + RunningPlatform.shared(bus()).httpPort());
    assertThat(http.send("GET", "/admin/js/app.js", null, null, own).status()).isEqualTo(200);
    assertThat(http.send("POST", "/auth/login", new JsonObject().put("email", "nobody@example.com")
        .put("password", "password-1"), null, own).status()).isEqualTo(401);
  }

  @Test
  void aJsonContentTypeWithCharsetIsAccepted() {
    Http.Response response = http.send("POST", "/auth/verify", new JsonObject().put("token", "x").encode(), null,
        Map.of("Content-Type", "application/json; charset=utf-8"));
    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void aStrayOrTruncatedPercentEscapeIs400InTheErrorShapeWithTheRequestsOwnPath() {
    assertError(http.sendRaw("GET", "/products/%zz"), 400, "/products/%zz");
    assertError(http.sendRaw("GET", "/products/abc%"), 400, "/products/abc%");
    assertError(http.sendRaw("GET", "/products?search=%zz"), 400, "/products");
    assertError(http.sendRaw("GET", "/products?search=100%"), 400, "/products");
    assertError(http.sendRaw("GET", "/categories/slug/%e"), 400, "/categories/slug/%e");
    assertError(http.sendRaw("GET", "/health/live?probe=%"), 400, "/health/live");
    assertError(http.sendRaw("DELETE", "/cart/items/%zz?sessionId=s"), 400, "/cart/items/%zz");
    // Well-formed escapes still reach the route.
    assertThat(http.sendRaw("GET", "/products?search=100%25").status()).isEqualTo(200);
  }

  @Test
  void aRequestLineOverTheLimitIs414WithTheStartOfTheRequestsOwnPath() {
    String path = "/products/" + "a".repeat(10_000);
    JsonObject error = assertError(http.sendRaw("GET", path + "?q=1"), 414, path.substring(0, 200));
    assertThat(error.getString("message")).isEqualTo("The request line is longer than the limit");
    // Just under the limit is served as usual.
    assertThat(http.sendRaw("GET", "/products/" + "a".repeat(4000)).status()).isEqualTo(404);
  }
}
