package dev.shop.gateway.auth;

import dev.shop.common.bus.Caller;
import dev.shop.common.error.ShopException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Turns a request's bearer token into the caller, as a route's {@link Access} demands. The checks
 * that may ask the user service (a key id not seen yet, the account's status) wait at most
 * {@code checkBudget} and then go on with what the gateway knows, so the request itself keeps the
 * rest of the bus time-out: a slow user service cannot make a signed-in request take two time-outs.
 */
public final class Authenticator {

  private static final String BEARER = "bearer ";

  private final TokenVerifier verifier;
  private final AccountStatus accounts;
  private final Duration checkBudget;

  public Authenticator(TokenVerifier verifier, AccountStatus accounts, Duration checkBudget) {
    this.verifier = verifier;
    this.accounts = accounts;
    this.checkBudget = checkBudget;
  }

  public Future<Caller> caller(RoutingContext ctx, Access access) {
    if (access == Access.PUBLIC) {
      return Future.succeededFuture(Caller.ANONYMOUS);
    }
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      return access == Access.OPTIONAL_USER || access == Access.PUBLIC_OR_USER
          ? Future.succeededFuture(Caller.ANONYMOUS)
          : Future.failedFuture(ShopException.unauthorized("Authentication required"));
    }
    Future<Caller> caller = verified(header, access);
    return access == Access.PUBLIC_OR_USER ? caller.otherwise(Caller.ANONYMOUS) : caller;
  }

  private Future<Caller> verified(String header, Access access) {
    if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Future.failedFuture(ShopException.unauthorized("Authorization must be a Bearer token"));
    }
    return verifier.verify(header.substring(BEARER.length()).trim(), checkBudget)
        .compose(caller -> accounts.active(caller.userId(), checkBudget).map(active -> {
          if (!active) {
            throw ShopException.unauthorized("Account is deactivated");
          }
          if (access == Access.ADMIN && !caller.isAdmin()) {
            throw ShopException.forbidden("Administrator role required");
          }
          return caller;
        }));
  }
}
