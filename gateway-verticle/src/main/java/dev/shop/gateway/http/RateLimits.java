package dev.shop.gateway.http;

import dev.shop.common.error.ShopException;
import dev.shop.common.metrics.Metrics;
import dev.shop.gateway.routes.ConsoleRoutes;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's rate limits, per minute: every API request per client address
 * ({@code SHOP_RATE_LIMIT_RPM}); every request of a signed-in user ({@code SHOP_USER_RATE_LIMIT_RPM});
 * login and registration per client address and per email ({@code SHOP_LOGIN_RATE_LIMIT_RPM}).
 * Over a limit: 429 with {@code Retry-After}; the client limit's {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} go on every API answer. A limit of 0
 * is off. Health, metrics, the API docs and the operator console's files are not limited (its
 * calls to the API are).
 */
public final class RateLimits {

  private static final String SHARED = "shop.gateway.rate-limits";
  private static final List<String> UNLIMITED = List.of("/health", "/metrics", "/docs", "/openapi.json");

  private final RateLimiter limiter;
  private final int clientLimit;
  private final int userLimit;
  private final int loginLimit;
  private final Set<String> trustedProxies;
  private final AtomicLong keys;

  private RateLimits(RateLimiter limiter, RateLimitSettings settings) {
    this.limiter = limiter;
    this.clientLimit = settings.clientRpm();
    this.userLimit = settings.userRpm();
    this.loginLimit = settings.loginRpm();
    this.trustedProxies = new HashSet<>(settings.trustedProxies());
    this.keys = Metrics.gauge("shop.rate.limit.keys", "Clients, users and emails whose requests are being counted",
        Tags.empty());
  }

  /** The limits of this gateway; its instances in one JVM count together. */
  public static RateLimits of(Vertx vertx, RateLimitSettings settings) {
    RateLimiter limiter = (RateLimiter) vertx.sharedData().getLocalMap(SHARED).computeIfAbsent("limiter",
        key -> new RateLimiter(settings.maxKeys()));
    return new RateLimits(limiter, settings);
  }

  /** Router handler: the client address's limit, for every API request. */
  public void perClient(RoutingContext ctx) {
    String path = ctx.request().path();
    if (clientLimit == 0 || path.equals("/") || UNLIMITED.stream().anyMatch(path::startsWith)
        || ConsoleRoutes.serves(path)) {
      ctx.next();
      return;
    }
    RateLimiter.Decision decision = take("client", "ip:" + ClientAddress.of(ctx, trustedProxies), clientLimit);
    ctx.response()
        .putHeader("RateLimit-Limit", Integer.toString(decision.limit()))
        .putHeader("RateLimit-Remaining", Integer.toString(decision.remaining()))
        .putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
    if (pass(ctx, decision, "Too many requests from this address")) {
      ctx.next();
    }
  }

  /** Route handler of login and registration: per client address and per email. */
  public void perLogin(RoutingContext ctx) {
    if (loginLimit == 0) {
      ctx.next();
      return;
    }
    RateLimiter.Decision byAddress = take("login", "login-ip:" + ClientAddress.of(ctx, trustedProxies), loginLimit);
    if (!pass(ctx, byAddress, "Too many sign-in attempts from this address")) {
      return;
    }
    String email = email(ctx);
    if (email != null && !pass(ctx, take("login", "login-email:" + email, loginLimit),
        "Too many sign-in attempts for this account")) {
      return;
    }
    ctx.next();
  }

  /** The signed-in user's limit (none for an anonymous caller); throws the 429 when it is spent. */
  public void perUser(RoutingContext ctx, String userId) {
    if (userId == null || userLimit == 0) {
      return;
    }
    RateLimiter.Decision decision = take("user", "user:" + userId, userLimit);
    if (!decision.allowed()) {
      throw tooMany(ctx, decision, "Too many requests for this account");
    }
  }

  private RateLimiter.Decision take(String kind, String key, int limit) {
    RateLimiter.Decision decision = limiter.take(key, limit, System.currentTimeMillis());
    keys.set(limiter.keys());
    if (!decision.allowed()) {
      Metrics.registry().ifPresent(registry -> registry.counter("shop.rate.limited", "limit", kind).increment());
    }
    return decision;
  }

  private static boolean pass(RoutingContext ctx, RateLimiter.Decision decision, String message) {
    if (decision.allowed()) {
      return true;
    }
    ctx.fail(tooMany(ctx, decision, message));
    return false;
  }

  private static ShopException tooMany(RoutingContext ctx, RateLimiter.Decision decision, String message) {
    ctx.response().putHeader("Retry-After", Long.toString(decision.resetSeconds()));
    return new ShopException(429, message + "; retry in " + decision.resetSeconds() + " s");
  }

  /** The email of a login or registration body, folded; null when there is none to read. */
  private static String email(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body() == null ? null : ctx.body().asJsonObject();
      Object email = body == null ? null : body.getValue("email");
      return email instanceof String text && !text.isBlank() && text.length() <= 320
          ? text.trim().toLowerCase(Locale.ROOT) : null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
