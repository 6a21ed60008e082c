package dev.shop.gateway;

import dev.shop.common.bus.Bus;
import dev.shop.common.service.Instances;
import dev.shop.gateway.auth.AccountStatus;
import dev.shop.gateway.auth.AuthenticationSettings;
import dev.shop.gateway.auth.Authenticator;
import dev.shop.gateway.auth.TokenKeys;
import dev.shop.gateway.auth.TokenVerifier;
import dev.shop.gateway.http.AccessLog;
import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.CircuitBreakers;
import dev.shop.gateway.http.ErrorResponses;
import dev.shop.gateway.http.HttpMeters;
import dev.shop.gateway.http.RateLimits;
import dev.shop.gateway.http.RequestIds;
import dev.shop.gateway.http.RequestTarget;
import dev.shop.gateway.routes.AddressRoutes;
import dev.shop.gateway.routes.ArRoutes;
import dev.shop.gateway.routes.AuthRoutes;
import dev.shop.gateway.routes.CartRoutes;
import dev.shop.gateway.routes.CatalogueRoutes;
import dev.shop.gateway.routes.ConsoleRoutes;
import dev.shop.gateway.routes.DocsRoutes;
import dev.shop.gateway.routes.EventRoutes;
import dev.shop.gateway.routes.HealthRoutes;
import dev.shop.gateway.routes.MetricsRoutes;
import dev.shop.gateway.routes.OrderRoutes;
import dev.shop.gateway.routes.PaymentRoutes;
import dev.shop.gateway.routes.ReportRoutes;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP front door: REST in, bus requests out. */
public final class GatewayVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(GatewayVerticle.class);

  private final Bus bus;
  private final GatewaySettings settings;
  private HttpServer server;
  private Router router;

  public GatewayVerticle(Bus bus, GatewaySettings settings) {
    this.bus = bus;
    this.settings = settings;
  }

  /**
   * How long a request's authentication may wait for the user service (a fifth of the bus
   * time-out): past it the gateway goes on with what it knows, and the request keeps the rest.
   */
  static Duration authenticationBudget(Duration busTimeout) {
    return busTimeout.dividedBy(5);
  }

  @Override
  public Future<?> start() {
    AuthenticationSettings authentication = settings.authentication();
    // The keys are fetched and refreshed once for all instances; each verifies on its own event loop.
    TokenKeys keys = TokenKeys.of(vertx, context, bus, authentication.jwksRefresh(), authentication.unknownKeyGap());
    TokenVerifier verifier = new TokenVerifier(vertx, keys, authentication.issuer(),
        authentication.verifiedTokensKept());
    verifier.start();

    router = Router.router(vertx);
    AccessLog accessLog = new AccessLog(HttpMeters.ofCurrentVertx());
    router.route().handler(RequestIds::handle).handler(accessLog::handle).handler(RequestTarget::check);
    cors(settings.corsOrigins()).ifPresent(cors -> router.route().handler(cors));
    RateLimits limits = RateLimits.of(vertx, settings.rateLimits());
    router.route().handler(limits::perClient);
    router.route().handler(BodyHandler.create(false).setBodyLimit(settings.bodyLimitBytes()));
    router.route().failureHandler(ErrorResponses::handle);
    router.errorHandler(404, ErrorResponses::handle);
    router.errorHandler(405, ErrorResponses::handle);

    HealthRoutes.register(router, bus, settings.healthPing(),
        () -> bus.connected() && verifier.ready());
    MetricsRoutes.register(router);
    router.post("/auth/login").handler(limits::perLogin);
    router.post("/auth/register").handler(limits::perLogin);
    AccountStatus accounts = new AccountStatus(bus, authentication.accountStatusKept(),
        authentication.accountStatusesKept());
    CircuitBreakers circuits = (CircuitBreakers) vertx.sharedData().getLocalMap("shop.gateway.circuits")
        .computeIfAbsent("circuits", key -> new CircuitBreakers(settings.circuits()));
    Api api = new Api(router, bus, new Authenticator(verifier, accounts, authenticationBudget(bus.timeout())), limits,
        circuits);
    AuthRoutes.register(api);
    AddressRoutes.register(api);
    CatalogueRoutes.register(api);
    CartRoutes.register(api);
    OrderRoutes.register(api);
    ReportRoutes.register(api);
    PaymentRoutes.register(api);
    ArRoutes.register(api);
    EventRoutes.register(api, settings.eventsState());

    // No h2c upgrade: a request asking for one would be decoded by Netty's upgrade path, which
    // answers its own errors (an empty 431) instead of ours. HTTP/2 belongs behind TLS at the proxy.
    // No WebSocket compression: the API has no WebSocket, and its handler sat in every request's pipeline.
    // Request lines are read well past their limit, so that RequestTarget answers them with their path.
    HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false)
        .setMaxInitialLineLength(RequestTarget.LINE_READ_LIMIT)
        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
    return Future.all(DocsRoutes.register(vertx, router), ConsoleRoutes.register(vertx, router))
        .compose(files -> vertx.createHttpServer(options)
        .invalidRequestHandler(ErrorResponses::invalidRequest)
        .requestHandler(router)
        .listen(listenPort(settings.port()))
        .onSuccess(listening -> {
          server = listening;
          // Every instance listens on the one port: the last of them to start says so, once.
          if (Instances.lastToStart(vertx, context)) {
            log.atInfo().addKeyValue("port", listening.actualPort()).addKeyValue("instances", context.getInstanceCount())
                .log("gateway listening");
          }
        }));
  }

  /**
   * The port to listen on. Port 0 (any free port) becomes -1: Vert.x then picks one free port and
   * every instance of the gateway shares it, where 0 would give each instance a port of its own.
   */
  private static int listenPort(int configured) {
    return configured == 0 ? -1 : configured;
  }

  /** Stops taking connections and lets requests in flight finish (SIGTERM drains). */
  @Override
  public Future<?> stop() {
    TokenKeys.forget(vertx, context);
    return server == null ? Future.succeededFuture() : server.shutdown(settings.drain().toSeconds(),
        java.util.concurrent.TimeUnit.SECONDS);
  }

  /**
   * The routes this gateway answers with a method of their own, as {@code "GET /products/:id"}:
   * what the OpenAPI document must list (a test compares them).
   */
  public List<String> routes() {
    return router.getRoutes().stream().filter(route -> route.methods() != null && route.getPath() != null)
        .flatMap(route -> route.methods().stream().map(method -> method.name() + " " + route.getPath()))
        .distinct().sorted().toList();
  }

  /** The port actually bound (PORT=0 picks a free one). */
  public int port() {
    return server.actualPort();
  }

  /**
   * CORS for the origins configured; requests from the gateway's own origin (the console at
   * /admin/, whose module scripts and fetches carry an Origin header too) are not cross-origin and pass.
   */
  private static java.util.Optional<Handler<RoutingContext>> cors(List<String> origins) {
    if (origins.isEmpty()) {
      return java.util.Optional.empty();
    }
    CorsHandler cors = CorsHandler.create()
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS))
        .allowedHeaders(Set.of("Authorization", "Content-Type", RequestIds.HEADER, Api.IDEMPOTENCY_KEY))
        .exposedHeaders(Set.of(RequestIds.HEADER))
        .maxAgeSeconds(600);
    if (!origins.contains("*")) {
      cors.addOrigins(origins);
    }
    return java.util.Optional.of(ctx -> {
      if (sameOrigin(ctx.request())) {
        ctx.next();
      } else {
        cors.handle(ctx);
      }
    });
  }

  /** Whether the request's Origin names the host (and port) the request was sent to. */
  static boolean sameOrigin(HttpServerRequest request) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    HostAndPort authority = request.authority();
    if (origin == null || authority == null) {
      return false;
    }
    try {
      URI uri = new URI(origin);
      if (uri.getHost() == null) {
        return false;
      }
      String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      String requestHost = authority.port() == -1 ? authority.host() : authority.host() + ":" + authority.port();
      return originHost.equalsIgnoreCase(requestHost);
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
