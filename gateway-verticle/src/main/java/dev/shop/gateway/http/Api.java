package dev.shop.gateway.http;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.Caller;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.ShopException;
import dev.shop.common.json.Gzip;
import dev.shop.gateway.auth.Access;
import dev.shop.gateway.auth.Authenticator;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * The route table's vocabulary: each route names its method and path, who may call it, the bus
 * subject that answers it and how its payload is built. The gateway adds nothing else.
 */
public final class Api {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  /**
   * A read's first try gets this share of the bus time-out; a second try (another replica) gets
   * what is left, so the client has its answer within the time-out either way. A replica answers a
   * read in milliseconds: the rest is ample for the second try.
   */
  private static final double FIRST_READ_SHARE = 0.75;

  private final Router router;
  private final Bus bus;
  private final Authenticator authenticator;
  private final RateLimits limits;
  private final CircuitBreakers circuits;

  public Api(Router router, Bus bus, Authenticator authenticator, RateLimits limits, CircuitBreakers circuits) {
    this.router = router;
    this.bus = bus;
    this.authenticator = authenticator;
    this.limits = limits;
    this.circuits = circuits;
  }

  public void get(String path, Access access, String subject, Payload payload) {
    route(HttpMethod.GET, path, access, subject, payload);
  }

  /**
   * A read the gateway answers itself with what {@code answer} gathers from several services (no
   * one subject answers it): the caller is checked and limited as on a forwarded route.
   */
  public void get(String path, Access access, Gathered answer) {
    router.route(HttpMethod.GET, path).handler(ctx -> {
      ctx.put(AccessLog.ROUTE, path);
      if (!JsonBody.parse(ctx)) {
        return;
      }
      checkedCaller(ctx, access)
          .compose(caller -> answer.gather(bus, RequestMeta.of(caller, RequestIds.of(ctx))))
          .onSuccess(body -> respond(ctx, BusReply.ok(body), true))
          .onFailure(ctx::fail);
    });
  }

  /** The answer of a {@linkplain #get(String, Access, Gathered) gathered read}, from requests made for the caller. */
  @FunctionalInterface
  public interface Gathered {
    Future<JsonObject> gather(Bus bus, RequestMeta meta);
  }

  public void post(String path, Access access, String subject, Payload payload) {
    route(HttpMethod.POST, path, access, subject, payload);
  }

  public void put(String path, Access access, String subject, Payload payload) {
    route(HttpMethod.PUT, path, access, subject, payload);
  }

  public void delete(String path, Access access, String subject, Payload payload) {
    route(HttpMethod.DELETE, path, access, subject, payload);
  }

  private void route(HttpMethod method, String path, Access access, String subject, Payload payload) {
    boolean read = method == HttpMethod.GET;
    // One handler per route: each further handler is another walk of the router's route list.
    router.route(method, path).handler(ctx -> {
      ctx.put(AccessLog.ROUTE, path);
      if (JsonBody.parse(ctx)) {
        forward(ctx, access, subject, payload, read);
      }
    });
  }

  /**
   * One bus time-out for the whole request: the caller's checks take part of it (at most the
   * authenticator's budget), the request what is left.
   */
  private void forward(RoutingContext ctx, Access access, String subject, Payload payload, boolean read) {
    long deadline = System.nanoTime() + bus.timeout().toNanos();
    checkedCaller(ctx, access)
        .compose(caller -> {
          JsonObject body = payload.build(ctx, caller);
          rejectNul(body);
          RequestMeta meta = new RequestMeta(caller, RequestIds.of(ctx), ctx.request().getHeader(IDEMPOTENCY_KEY),
              read && AcceptEncoding.takesGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING)));
          return read ? sendRead(subject, body, meta, deadline) : send(subject, body, meta, left(deadline));
        })
        .onSuccess(reply -> respond(ctx, reply, read))
        .onFailure(ctx::fail);
  }

  /** The caller, once allowed {@code access} and within their rate limit (429 otherwise), noted for the access log. */
  private Future<Caller> checkedCaller(RoutingContext ctx, Access access) {
    return authenticator.caller(ctx, access).map(caller -> {
      ctx.put(AccessLog.USER_ID, caller.userId());
      limits.perUser(ctx, caller.userId());
      return caller;
    });
  }

  /** A read is sent again once, before the same deadline, when another instance may answer it. */
  private Future<BusReply> sendRead(String subject, JsonObject body, RequestMeta meta, long deadline) {
    Duration first = Duration.ofNanos((long) (left(deadline).toNanos() * FIRST_READ_SHARE));
    return send(subject, body, meta, first)
        .recover(failure -> {
          Duration left = left(deadline);
          return elsewhere(failure) && left.toMillis() > 0 ? send(subject, body, meta, left)
              : Future.failedFuture(failure);
        });
  }

  /** The time until {@code deadline}, at least a millisecond (a request is always sent). */
  private static Duration left(long deadline) {
    return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
  }

  private Future<BusReply> send(String subject, JsonObject body, RequestMeta meta, Duration timeout) {
    return circuits.call(subject, () -> bus.request(subject, body, meta, timeout));
  }

  /**
   * No text anywhere in the request (path, query, body, keys included) may hold U+0000: PostgreSQL
   * cannot store it, and no name, id or address needs it. The error names the top-level field.
   */
  private static void rejectNul(JsonObject request) {
    request.forEach(entry -> {
      if (holdsNul(entry.getKey()) || holdsNul(entry.getValue())) {
        throw ShopException.invalidField(entry.getKey(), "must not contain the NUL character (U+0000)");
      }
    });
  }

  private static boolean holdsNul(Object value) {
    if (value instanceof String text) {
      return text.indexOf('\u0000') >= 0;
    }
    if (value instanceof JsonObject object) {
      return object.stream().anyMatch(entry -> holdsNul(entry.getKey()) || holdsNul(entry.getValue()));
    }
    return value instanceof io.vertx.core.json.JsonArray array && array.stream().anyMatch(Api::holdsNul);
  }

  /**
   * Whether another instance may answer: nothing answered (a replica just died and NATS has not yet
   * moved its share) or no answer came in time. Only reads are sent again; a write that timed out
   * may have been done, so it is never repeated for the client.
   */
  private static boolean elsewhere(Throwable failure) {
    return failure instanceof ShopException shop && (shop.status() == 503 || shop.status() == 504);
  }

  /**
   * A read's answer may come in gzip when the client accepts it (a kept list page, see
   * docs/catalogue.md): it is sent as it is, and every read's answer says it depends on
   * {@code Accept-Encoding}, for the caches between.
   */
  private static void respond(RoutingContext ctx, BusReply reply, boolean read) {
    HttpServerResponse response = ctx.response()
        .setStatusCode(reply.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8");
    if (read) {
      response.headers().add(HttpHeaders.VARY, "Accept-Encoding"); // beside CORS's Vary: Origin
    }
    if (reply.gzipped()) {
      response.putHeader(HttpHeaders.CONTENT_ENCODING, Gzip.ENCODING);
    }
    response.end(reply.encodedBody());
  }
}
