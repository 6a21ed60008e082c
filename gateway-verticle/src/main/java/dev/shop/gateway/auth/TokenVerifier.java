package dev.shop.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shop.common.auth.Role;
import dev.shop.common.bus.Caller;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.vertx.Contexts;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Verifies access tokens locally with the user service's public keys ({@link TokenKeys}, fetched
 * once for all the gateway's instances and handed to each on its event loop), so a key the user
 * service no longer publishes stops being accepted at the next refresh. A token naming a key id not
 * in the set has the keys fetched at once (a rotated-in key works before the next refresh), as
 * often as {@link TokenKeys#unknownKidFetchAllowed} lets it.
 *
 * <p>A token once verified is kept (up to {@code keptTokens} of them) with the caller it stands
 * for until its {@code exp}: a shopper's access token comes back with every request for its whole
 * life, and checking its RS256 signature again each time was about a tenth of the gateway's CPU per
 * checkout. Only the exact token string is found again, never a token that merely resembles one;
 * the kept tokens are dropped whenever the published keys change, so a key taken out of the set
 * stops its tokens at the same refresh as before.
 */
public final class TokenVerifier {

  private final Vertx vertx;
  private final TokenKeys keys;
  private final String issuer;
  private volatile JWTAuth jwt;
  private volatile Set<String> kids = Set.of();
  private List<JsonObject> publishedKeys;
  /** Verified tokens and whom they stand for; null when none are kept. */
  private final Cache<String, Verified> verified;

  private record Verified(Caller caller, long expiresAtMillis) {
  }

  public TokenVerifier(Vertx vertx, TokenKeys keys, String issuer, int keptTokens) {
    this.vertx = vertx;
    this.keys = keys;
    this.issuer = issuer;
    if (keptTokens < 0) {
      throw new IllegalArgumentException("the number of verified tokens kept cannot be negative: " + keptTokens);
    }
    this.verified = keptTokens == 0 ? null : Caffeine.newBuilder().maximumSize(keptTokens).build();
  }

  /** Takes the keys on the caller's event loop as they come, and has them fetched if nobody has yet. */
  public void start() {
    keys.subscribe(vertx.getOrCreateContext(), this::use);
    keys.start();
  }

  public boolean ready() {
    return jwt != null;
  }

  private void use(List<JsonObject> published) {
    if (published.equals(publishedKeys)) {
      return;
    }
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions().setIssuer(issuer));
    Set<String> ids = new HashSet<>();
    published.forEach(jwk -> {
      options.addJwk(jwk);
      ids.add(jwk.getString("kid"));
    });
    jwt = JWTAuth.create(vertx, options);
    if (verified != null) {
      verified.invalidateAll();
    }
    publishedKeys = published;
    kids = Set.copyOf(ids);
  }

  /**
   * The caller a bearer token stands for; 401 for any token that is not valid. A token naming a key
   * id not seen yet waits at most {@code wait} for the keys to be fetched again.
   */
  public Future<Caller> verify(String token, Duration wait) {
    if (jwt == null) {
      return Future.failedFuture(new ShopException(503, "Authentication is not available yet"));
    }
    Verified known = verified == null ? null : verified.getIfPresent(token);
    if (known != null) {
      if (System.currentTimeMillis() < known.expiresAtMillis()) {
        return Future.succeededFuture(known.caller());
      }
      verified.invalidate(token);
    }
    String kid = kidOf(token);
    if (kid != null && !kids.contains(kid) && keys.unknownKidFetchAllowed()) {
      // Back on this event loop, with whatever keys the fetch brought (its hand-over may come later).
      Promise<Void> fetched = Contexts.promiseOn(vertx.getOrCreateContext());
      keys.fetch().timeout(wait.toMillis(), TimeUnit.MILLISECONDS).onComplete(done -> fetched.tryComplete());
      return fetched.future().compose(v -> {
        List<JsonObject> latest = keys.current();
        if (latest != null) {
          use(latest);
        }
        return authenticate(token);
      });
    }
    return authenticate(token);
  }

  private Future<Caller> authenticate(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .recover(failure -> Future.failedFuture(invalid()))
        .map(user -> {
          JsonObject claims = user.attributes().getJsonObject("accessToken", new JsonObject());
          String subject = claims.getString("sub");
          if (!issuer.equals(claims.getString("iss")) || Ids.parse(subject).isEmpty() || !claims.containsKey("exp")) {
            throw invalid();
          }
          Role role = Role.parse(claims.getString("role")).orElseThrow(TokenVerifier::invalid);
          Caller caller = Caller.user(subject, role);
          if (verified != null) {
            verified.put(token, new Verified(caller, claims.getLong("exp") * 1000));
          }
          return caller;
        });
  }

  private static String kidOf(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    try {
      String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      return new JsonObject(header).getString("kid");
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static ShopException invalid() {
    return ShopException.unauthorized("Invalid or expired token");
  }
}
