package dev.shop.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.shop.common.auth.Role;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.Caller;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.contract.user.JsonWebKeySet;
import dev.shop.contract.user.UserSubjects;
import io.vertx.core.Future;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies access tokens locally with the user service's public keys, fetched over the bus
 * ({@code auth.jwks}) at start and again every {@code refreshEvery}, so a key the user service no
 * longer publishes stops being accepted. A token naming a key id not in the set fetches it at once
 * (a rotated-in key works before the next refresh), but at most once per {@code unknownKidGap}:
 * tokens with made-up key ids cannot hammer the user service.
 *
 * <p>A token once verified is kept (up to {@code keptTokens} of them) with the caller it stands
 * for until its {@code exp}: a shopper's access token comes back with every request for its whole
 * life, and checking its RS256 signature again each time was about a tenth of the gateway's CPU per
 * checkout. Only the exact token string is found again, never a token that merely resembles one;
 * the kept tokens are dropped whenever the published keys change, so a key taken out of the set
 * stops its tokens at the same refresh as before.
 */
public final class TokenVerifier {

  private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);
  private static final long RETRY_MILLIS = 1000;

  private final Vertx vertx;
  private final Bus bus;
  private final String issuer;
  private final long refreshEveryMillis;
  private final long unknownKidGapMillis;
  private volatile JWTAuth jwt;
  private volatile Set<String> kids = Set.of();
  /** The fetch under way, which every caller until it completes shares; null when none is. */
  private Future<Void> loading;
  private long lastUnknownKidLoadMillis;
  private List<JsonObject> publishedKeys;
  /** Verified tokens and whom they stand for; null when none are kept. */
  private final Cache<String, Verified> verified;

  private record Verified(Caller caller, long expiresAtMillis) {
  }

  public TokenVerifier(Vertx vertx, Bus bus, String issuer, Duration refreshEvery, Duration unknownKidGap,
      int keptTokens) {
    this.vertx = vertx;
    this.bus = bus;
    this.issuer = issuer;
    this.refreshEveryMillis = refreshEvery.toMillis();
    this.unknownKidGapMillis = unknownKidGap.toMillis();
    if (keptTokens < 0) {
      throw new IllegalArgumentException("the number of verified tokens kept cannot be negative: " + keptTokens);
    }
    this.verified = keptTokens == 0 ? null : Caffeine.newBuilder().maximumSize(keptTokens).build();
  }

  /**
   * Fetches the keys, retrying every second until the user service answers; then refreshes them.
   * Waiting for them at start is no fault (in containers the gateway often starts before the user
   * service answers, and it is not ready until then): it is logged at INFO, a failed refresh at WARN.
   */
  public void start() {
    load()
        .onSuccess(loaded -> vertx.setPeriodic(refreshEveryMillis, refreshEveryMillis, id -> load().onFailure(failure ->
            log.atWarn().addKeyValue("reason", failure.getMessage()).log("token keys not refreshed, keeping the last"))))
        .onFailure(failure -> {
          log.atInfo().addKeyValue("reason", failure.getMessage()).log("token keys not available yet, retrying");
          vertx.setTimer(RETRY_MILLIS, id -> start());
        });
  }

  public boolean ready() {
    return jwt != null;
  }

  private Future<Void> load() {
    if (loading != null) {
      return loading;
    }
    Future<Void> fetch = bus.request(UserSubjects.AUTH_JWKS, new JsonObject(), RequestMeta.internal("gateway-jwks"))
        .map(reply -> {
          use(JsonWebKeySet.fromJson(reply.bodyAsObject()).keys());
          return null;
        });
    loading = fetch;
    // A bus that refuses at once (no responder) completes the fetch here, which clears it again.
    fetch.onComplete(done -> loading = null);
    return fetch;
  }

  private void use(List<JsonObject> keys) {
    // With no key at all Vert.x's JWT runs unsecured and accepts unsigned tokens: keep the last set.
    if (keys.isEmpty()) {
      throw new IllegalStateException("the user service published no token keys");
    }
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions().setIssuer(issuer));
    Set<String> ids = new HashSet<>();
    keys.forEach(jwk -> {
      options.addJwk(jwk);
      ids.add(jwk.getString("kid"));
    });
    jwt = JWTAuth.create(vertx, options);
    if (verified != null && !keys.equals(publishedKeys)) {
      verified.invalidateAll();
    }
    publishedKeys = keys;
    if (!ids.equals(kids)) {
      log.atInfo().addKeyValue("kids", ids).log("token keys loaded");
    }
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
    if (kid != null && !kids.contains(kid) && unknownKidLoadAllowed()) {
      return load().timeout(wait.toMillis(), TimeUnit.MILLISECONDS).recover(failure -> Future.succeededFuture())
          .compose(v -> authenticate(token));
    }
    return authenticate(token);
  }

  private boolean unknownKidLoadAllowed() {
    long now = System.currentTimeMillis();
    if (now - lastUnknownKidLoadMillis < unknownKidGapMillis) {
      return false;
    }
    lastUnknownKidLoadMillis = now;
    return true;
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
