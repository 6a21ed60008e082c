package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Who may call what: every operation of the OpenAPI document, called as nobody, as a customer who
 * owns the resource, as another customer and as an administrator, each on fresh data (so a delete
 * or a cancel by one caller does not change what the next finds). Each answer is checked against
 * the route's rule, and the whole matrix is printed.
 */
class AuthorizationMatrixTest extends PaymentApiTest {

  @Override
  protected BusKind bus() {
    return BusKind.LOCAL;
  }

  enum Caller { ANONYMOUS, OWNER, OTHER, ADMIN }

  /** What each caller is answered: the allowed statuses. */
  enum Rule {
    /** Anyone. */
    PUBLIC(ok(), ok(), ok(), ok()),
    /** A signed-in user, acting on their own data (their cart, their addresses list, their orders list). */
    SIGNED_IN(Set.of(401), ok(), ok(), ok()),
    /** The owner and administrators; another customer is told it does not exist. */
    OWNER_OR_ADMIN(Set.of(401), ok(), Set.of(404), ok()),
    /** The owner only: even an administrator is told it does not exist (addresses, cart lines). */
    OWNER_ONLY(Set.of(401), ok(), Set.of(404), Set.of(404)),
    /** A cart line: an anonymous session, another user and an administrator do not find the owner's line. */
    CART_LINE_OWNER(Set.of(404), ok(), Set.of(404), Set.of(404)),
    /** Administrators only. */
    ADMIN(Set.of(401), Set.of(403), Set.of(403), ok());

    private final Map<Caller, Set<Integer>> allowed = new EnumMap<>(Caller.class);

    Rule(Set<Integer> anonymous, Set<Integer> owner, Set<Integer> other, Set<Integer> admin) {
      allowed.put(Caller.ANONYMOUS, anonymous);
      allowed.put(Caller.OWNER, owner);
      allowed.put(Caller.OTHER, other);
      allowed.put(Caller.ADMIN, admin);
    }

    private static Set<Integer> ok() {
      return Set.of(200, 201);
    }
  }

  /** One call: method, path, body (null: none), extra headers. */
  record Call(String method, String path, Object body, Map<String, String> headers) {
    static Call of(String method, String path) {
      return new Call(method, path, null, Map.of());
    }

    static Call of(String method, String path, Object body) {
      return new Call(method, path, body, Map.of());
    }
  }

  /** A route of the matrix: how to make its call for a caller on fresh data, and its rule. */
  record Route(String method, String template, Rule rule, BiFunction<Caller, Session, Call> call) {
  }

  private Session owner;
  private Session other;
  private Session administrator;

  @Test
  void everyRouteAnswersEachKindOfCallerAsItsRuleSays() {
    owner = register("owner");
    other = register("other");
    administrator = admin();
    List<Route> routes = routes();

    Set<String> documented = new LinkedHashSet<>();
    JsonObject paths = http.get("/openapi.json", null).json().getJsonObject("paths");
    paths.fieldNames().forEach(path -> paths.getJsonObject(path).fieldNames().stream()
        .filter(method -> Set.of("get", "put", "post", "delete").contains(method))
        .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
    assertThat(routes).extracting(route -> route.method() + " " + route.template())
        .as("the matrix covers every documented operation").containsExactlyInAnyOrderElementsOf(documented);

    List<String> wrong = new ArrayList<>();
    StringBuilder matrix = new StringBuilder(String.format("%-40s %-16s %9s %9s %9s %9s%n", "route", "rule",
        "anonymous", "owner", "other", "admin"));
    for (Route route : routes) {
      StringBuilder line = new StringBuilder(String.format("%-40s %-16s", route.method() + " " + route.template(),
          route.rule()));
      for (Caller caller : Caller.values()) {
        Session session = switch (caller) {
          case ANONYMOUS -> null;
          case OWNER -> owner;
          case OTHER -> other;
          case ADMIN -> administrator;
        };
        Call call = route.call().apply(caller, session);
        Http.Response answer = http.send(call.method(), call.path(), call.body(),
            session == null ? null : session.accessToken(), call.headers());
        boolean allowed = route.rule().allowed.get(caller).contains(answer.status());
        line.append(String.format(" %8d%s", answer.status(), allowed ? " " : "!"));
        if (!allowed) {
          wrong.add(route.method() + " " + route.template() + " as " + caller + ": " + answer);
        }
        if (answer.status() >= 400) {
          assertThat(answer.json().getInteger("statusCode")).as(call + " answers the error shape")
              .isEqualTo(answer.status());
        }
      }
      matrix.append(line).append('\n');
    }
    System.out.println("Authorization matrix (! marks an answer its rule does not allow):\n" + matrix);
    assertThat(wrong).as("answers the rules do not allow").isEmpty();
  }

  // --- the routes, on fresh data ---------------------------------------------------------------

  private List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    // Auth: public (a token sent along is not even looked at), except /auth/me.
    routes.add(new Route("POST", "/auth/register", Rule.PUBLIC, (c, s) -> Call.of("POST", "/auth/register",
        new JsonObject().put("email", uniqueEmail("reg")).put("password", "password-1").put("fullName", "Reg"))));
    routes.add(new Route("POST", "/auth/login", Rule.PUBLIC, (c, s) -> Call.of("POST", "/auth/login",
        new JsonObject().put("email", owner.email()).put("password", owner.password()))));
    routes.add(new Route("POST", "/auth/refresh", Rule.PUBLIC, (c, s) -> Call.of("POST", "/auth/refresh",
        new JsonObject().put("refreshToken", login(owner.email(), owner.password()).refreshToken()))));
    routes.add(new Route("POST", "/auth/logout", Rule.PUBLIC, (c, s) -> Call.of("POST", "/auth/logout",
        new JsonObject().put("refreshToken", login(owner.email(), owner.password()).refreshToken()))));
    routes.add(new Route("GET", "/auth/me", Rule.SIGNED_IN, (c, s) -> Call.of("GET", "/auth/me")));
    routes.add(new Route("POST", "/auth/verify", Rule.PUBLIC, (c, s) -> Call.of("POST", "/auth/verify",
        new JsonObject().put("token", owner.accessToken()))));
    routes.add(new Route("GET", "/.well-known/jwks.json", Rule.PUBLIC, (c, s) -> Call.of("GET", "/.well-known/jwks.json")));
    // Users.
    routes.add(new Route("GET", "/users", Rule.ADMIN, (c, s) -> Call.of("GET", "/users")));
    routes.add(new Route("POST", "/users", Rule.ADMIN, (c, s) -> Call.of("POST", "/users", new JsonObject()
        .put("email", uniqueEmail("made")).put("password", "password-1").put("fullName", "Made"))));
    routes.add(new Route("GET", "/users/email/{email}", Rule.ADMIN, (c, s) -> Call.of("GET", "/users/email/"
        + owner.email())));
    routes.add(new Route("GET", "/users/{id}", Rule.OWNER_OR_ADMIN, (c, s) -> Call.of("GET", "/users/" + owner.userId())));
    routes.add(new Route("PUT", "/users/{id}", Rule.OWNER_OR_ADMIN, (c, s) -> Call.of("PUT", "/users/"
        + owner.userId(), new JsonObject().put("fullName", "Owner " + c))));
    routes.add(new Route("PUT", "/users/{id}/deactivate", Rule.ADMIN, (c, s) -> Call.of("PUT", "/users/"
        + register("leaving").userId() + "/deactivate")));
    // Addresses: always the caller's own.
    routes.add(new Route("GET", "/addresses", Rule.SIGNED_IN, (c, s) -> Call.of("GET", "/addresses")));
    routes.add(new Route("POST", "/addresses", Rule.SIGNED_IN, (c, s) -> Call.of("POST", "/addresses", address())));
    routes.add(new Route("PUT", "/addresses/{id}/set-default", Rule.OWNER_ONLY, (c, s) -> Call.of("PUT",
        "/addresses/" + ownersAddress() + "/set-default")));
    routes.add(new Route("PUT", "/addresses/{id}", Rule.OWNER_ONLY, (c, s) -> Call.of("PUT", "/addresses/"
        + ownersAddress(), new JsonObject().put("city", "Đà Nẵng"))));
    routes.add(new Route("DELETE", "/addresses/{id}", Rule.OWNER_ONLY, (c, s) -> Call.of("DELETE", "/addresses/"
        + ownersAddress())));
    // AR.
    routes.add(new Route("GET", "/ar/snapshots", Rule.PUBLIC, (c, s) -> Call.of("GET", "/ar/snapshots")));
    routes.add(new Route("POST", "/ar/snapshots", Rule.SIGNED_IN, (c, s) -> Call.of("POST", "/ar/snapshots",
        new JsonObject().put("productId", id(product())).put("imageUrl", "https://cdn.example/ar/" + c + ".jpg"))));
    // Cart: a signed-in caller's own cart, or an anonymous session's.
    routes.add(new Route("GET", "/cart", Rule.PUBLIC, (c, s) -> Call.of("GET", "/cart" + sessionQuery(c))));
    routes.add(new Route("DELETE", "/cart", Rule.PUBLIC, (c, s) -> Call.of("DELETE", "/cart" + sessionQuery(c))));
    routes.add(new Route("POST", "/cart/items", Rule.PUBLIC, (c, s) -> Call.of("POST", "/cart/items",
        withSession(c, new JsonObject().put("productId", id(product())).put("quantity", 1)))));
    routes.add(new Route("DELETE", "/cart/items", Rule.PUBLIC, (c, s) -> {
      String session = c == Caller.ANONYMOUS ? UUID.randomUUID().toString() : null;
      String productId = id(product());
      JsonObject line = new JsonObject().put("productId", productId).put("quantity", 1);
      if (session != null) {
        line.put("sessionId", session);
      }
      Http.Response cart = http.post("/cart/items", line, s == null ? null : s.accessToken());
      String itemId = cart.json().getJsonArray("items").stream().map(JsonObject.class::cast)
          .filter(item -> productId.equals(item.getString("productId"))).findFirst().orElseThrow().getString("id");
      JsonObject removal = new JsonObject().put("itemId", itemId);
      return Call.of("DELETE", "/cart/items", session == null ? removal : removal.put("sessionId", session));
    }));
    routes.add(new Route("PUT", "/cart/items/{id}", Rule.CART_LINE_OWNER, (c, s) -> Call.of("PUT", "/cart/items/"
        + ownersCartLine(), withSession(c, new JsonObject().put("quantity", 2)))));
    routes.add(new Route("DELETE", "/cart/items/{id}", Rule.CART_LINE_OWNER, (c, s) -> Call.of("DELETE",
        "/cart/items/" + ownersCartLine() + sessionQuery(c))));
    routes.add(new Route("POST", "/cart/transfer", Rule.SIGNED_IN, (c, s) -> {
      String session = UUID.randomUUID().toString();
      http.post("/cart/items", new JsonObject().put("productId", id(product())).put("quantity", 1)
          .put("sessionId", session), null);
      return Call.of("POST", "/cart/transfer", new JsonObject().put("sessionId", session));
    }));
    // Catalogue.
    routes.add(new Route("GET", "/categories", Rule.PUBLIC, (c, s) -> Call.of("GET", "/categories")));
    routes.add(new Route("POST", "/categories", Rule.ADMIN, (c, s) -> Call.of("POST", "/categories",
        new JsonObject().put("name", "Matrix " + UUID.randomUUID()))));
    routes.add(new Route("GET", "/categories/slug/{slug}", Rule.PUBLIC, (c, s) -> Call.of("GET", "/categories/slug/"
        + category().getString("slug"))));
    routes.add(new Route("GET", "/categories/{id}", Rule.PUBLIC, (c, s) -> Call.of("GET", "/categories/"
        + id(category()))));
    routes.add(new Route("PUT", "/categories/{id}", Rule.ADMIN, (c, s) -> Call.of("PUT", "/categories/"
        + id(category()), new JsonObject().put("description", "changed by " + c))));
    routes.add(new Route("DELETE", "/categories/{id}", Rule.ADMIN, (c, s) -> Call.of("DELETE", "/categories/"
        + id(category()))));
    routes.add(new Route("GET", "/products", Rule.PUBLIC, (c, s) -> Call.of("GET", "/products?pageSize=1")));
    routes.add(new Route("POST", "/products", Rule.ADMIN, (c, s) -> Call.of("POST", "/products", new JsonObject()
        .put("sku", "MX-" + UUID.randomUUID()).put("name", "Matrix kettle").put("priceInt", 1_000).put("stock", 1))));
    routes.add(new Route("GET", "/products/slug/{slug}", Rule.PUBLIC, (c, s) -> Call.of("GET", "/products/slug/"
        + product().getString("slug"))));
    routes.add(new Route("GET", "/products/{id}", Rule.PUBLIC, (c, s) -> Call.of("GET", "/products/" + id(product()))));
    routes.add(new Route("PUT", "/products/{id}", Rule.ADMIN, (c, s) -> Call.of("PUT", "/products/" + id(product()),
        new JsonObject().put("priceInt", 2_000))));
    routes.add(new Route("DELETE", "/products/{id}", Rule.ADMIN, (c, s) -> Call.of("DELETE", "/products/"
        + id(product()))));
    routes.add(new Route("POST", "/products/{id}/stock", Rule.ADMIN, (c, s) -> Call.of("POST", "/products/"
        + id(product()) + "/stock", new JsonObject().put("delta", 5))));
    // Orders.
    routes.add(new Route("POST", "/orders", Rule.SIGNED_IN, (c, s) -> Call.of("POST", "/orders",
        items(line(product(), 1)))));
    routes.add(new Route("GET", "/orders", Rule.SIGNED_IN, (c, s) -> Call.of("GET", "/orders")));
    routes.add(new Route("GET", "/orders/{id}", Rule.OWNER_OR_ADMIN, (c, s) -> Call.of("GET", "/orders/"
        + id(ownersOrder()))));
    routes.add(new Route("PUT", "/orders/{id}/status", Rule.ADMIN, (c, s) -> Call.of("PUT", "/orders/"
        + id(ownersOrder()) + "/status", new JsonObject().put("status", "PAID"))));
    routes.add(new Route("PUT", "/orders/{id}/cancel", Rule.OWNER_OR_ADMIN, (c, s) -> Call.of("PUT", "/orders/"
        + id(ownersOrder()) + "/cancel", new JsonObject().put("reason", "matrix"))));
    // The administrators' views of orders (the operator console's).
    routes.add(new Route("GET", "/admin/orders", Rule.ADMIN, (c, s) -> Call.of("GET", "/admin/orders")));
    routes.add(new Route("GET", "/admin/orders/{id}", Rule.ADMIN, (c, s) -> Call.of("GET", "/admin/orders/"
        + id(ownersOrder()))));
    // Payments.
    // Paying is the customer's own act: an administrator does not pay a customer's order.
    routes.add(new Route("POST", "/payments/process", Rule.OWNER_ONLY, (c, s) -> Call.of("POST",
        "/payments/process", new JsonObject().put("orderId", id(ownersOrder())).put("method", "COD"))));
    routes.add(new Route("POST", "/payments/verify", Rule.PUBLIC, (c, s) -> {
      JsonObject order = ownersOrder();
      paid(owner, order, "SePay");
      String notice = notice(id(order), "TX-" + UUID.randomUUID(), order.getLong("totalInt"), "SUCCESS");
      return new Call("POST", "/payments/verify", notice, Map.of("X-Webhook-Signature", signature(notice)));
    }));
    routes.add(new Route("GET", "/payments/order/{orderId}", Rule.OWNER_OR_ADMIN, (c, s) -> {
      JsonObject order = ownersOrder();
      paid(owner, order, "COD");
      return Call.of("GET", "/payments/order/" + id(order));
    }));
    routes.add(new Route("GET", "/payments/{id}", Rule.OWNER_OR_ADMIN, (c, s) -> Call.of("GET", "/payments/"
        + paid(owner, ownersOrder(), "COD").getString("paymentId"))));
    // Reports.
    for (String report : List.of("sales-summary", "product-performance", "user-cohort")) {
      routes.add(new Route("GET", "/reports/" + report, Rule.ADMIN, (c, s) -> Call.of("GET", "/reports/" + report)));
    }
    // Operations.
    routes.add(new Route("GET", "/admin/events", Rule.ADMIN, (c, s) -> Call.of("GET", "/admin/events")));
    for (String probe : List.of("/health", "/health/live", "/health/ready", "/metrics")) {
      routes.add(new Route("GET", probe, Rule.PUBLIC, (c, s) -> Call.of("GET", probe)));
    }
    return routes;
  }

  private JsonObject product() {
    return stocked(1_000, 15_000);
  }

  private JsonObject category() {
    return createCategory("Matrix " + UUID.randomUUID(), null);
  }

  private static JsonObject address() {
    return new JsonObject().put("fullName", "Trần Văn Minh").put("phone", "0912345678").put("street", "5 Nguyễn Huệ")
        .put("ward", "Bến Nghé").put("district", "Quận 1").put("city", "Hồ Chí Minh");
  }

  private String ownersAddress() {
    Http.Response created = http.post("/addresses", address(), owner.accessToken());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return id(created.json());
  }

  private JsonObject ownersOrder() {
    return order(owner, items(line(product(), 1)));
  }

  private String ownersCartLine() {
    String productId = id(product());
    Http.Response cart = http.post("/cart/items", new JsonObject().put("productId", productId).put("quantity", 1),
        owner.accessToken());
    assertThat(cart.status()).as(cart.toString()).isEqualTo(200);
    return cart.json().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(line -> productId.equals(line.getString("productId"))).findFirst().orElseThrow().getString("id");
  }

  /** An anonymous caller speaks for a session of its own; a signed-in one needs none. */
  private static String sessionQuery(Caller caller) {
    return caller == Caller.ANONYMOUS ? "?sessionId=" + UUID.randomUUID() : "";
  }

  private static JsonObject withSession(Caller caller, JsonObject body) {
    return caller == Caller.ANONYMOUS ? body.put("sessionId", UUID.randomUUID().toString()) : body;
  }
}
