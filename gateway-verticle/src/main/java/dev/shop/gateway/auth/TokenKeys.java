package dev.shop.gateway.auth;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.RequestMeta;
import dev.shop.contract.user.JsonWebKeySet;
import dev.shop.contract.user.UserSubjects;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user service's public token keys ({@code auth.jwks}), fetched at start and again every
 * {@code refreshEvery} once for all the instances of a gateway deployment in a JVM, and handed to
 * each instance's {@link TokenVerifier} on its own event loop. A fetch under way is shared by every
 * caller until it completes; fetches for a key id not seen yet happen at most once per
 * {@code unknownKidGap}, so tokens with made-up key ids cannot hammer the user service.
 */
public final class TokenKeys implements Shareable {

  private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);
  private static final String DEPLOYMENTS = "shop.gateway.token-keys";
  private static final long RETRY_MILLIS = 1000;

  private final Vertx vertx;
  private final Bus bus;
  private final long refreshEveryMillis;
  private final long unknownKidGapMillis;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicLong lastUnknownKidFetchMillis = new AtomicLong();
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  /** The last key set fetched; null until the first. */
  private volatile List<JsonObject> current;
  /** The fetch under way; null when none is. */
  private Future<Void> fetching;
  private Set<String> kids = Set.of();

  private record Subscriber(Context context, Consumer<List<JsonObject>> use) {
  }

  public TokenKeys(Vertx vertx, Bus bus, Duration refreshEvery, Duration unknownKidGap) {
    this.vertx = vertx;
    this.bus = bus;
    this.refreshEveryMillis = refreshEvery.toMillis();
    this.unknownKidGapMillis = unknownKidGap.toMillis();
  }

  /** The keys the instances of the caller's deployment share, made by the first that asks. */
  public static TokenKeys of(Vertx vertx, Context context, Bus bus, Duration refreshEvery, Duration unknownKidGap) {
    LocalMap<String, TokenKeys> deployments = vertx.sharedData().getLocalMap(DEPLOYMENTS);
    TokenKeys made = new TokenKeys(vertx, bus, refreshEvery, unknownKidGap);
    TokenKeys existing = deployments.putIfAbsent(context.deploymentID(), made);
    return existing == null ? made : existing;
  }

  /** The deployment is over: a new deployment of the gateway fetches keys of its own. */
  public static void forget(Vertx vertx, Context context) {
    vertx.sharedData().getLocalMap(DEPLOYMENTS).remove(context.deploymentID());
  }

  /**
   * Fetches the keys, retrying every second until the user service answers; then refreshes them,
   * on the caller's event loop; only the first call does. Waiting for them at start is no fault (in
   * containers the gateway often starts before the user service answers, and it is not ready until
   * then): it is logged at INFO, a failed refresh at WARN.
   */
  public void start() {
    if (started.compareAndSet(false, true)) {
      fetchUntilAnswered();
    }
  }

  private void fetchUntilAnswered() {
    fetch()
        .onSuccess(fetched -> vertx.setPeriodic(refreshEveryMillis, refreshEveryMillis, id -> fetch().onFailure(failure ->
            log.atWarn().addKeyValue("reason", failure.getMessage()).log("token keys not refreshed, keeping the last"))))
        .onFailure(failure -> {
          log.atInfo().addKeyValue("reason", failure.getMessage()).log("token keys not available yet, retrying");
          vertx.setTimer(RETRY_MILLIS, id -> fetchUntilAnswered());
        });
  }

  /**
   * Hands {@code use} the key set on {@code context}: now if there is one, then at every fetch.
   * A fetch's subscribers are handed its keys before the fetch completes.
   */
  public void subscribe(Context context, Consumer<List<JsonObject>> use) {
    Subscriber subscriber = new Subscriber(context, use);
    subscribers.add(subscriber);
    List<JsonObject> known = current;
    if (known != null) {
      context.runOnContext(v -> use.accept(known));
    }
  }

  /** The last key set fetched; null until the first fetch. */
  public List<JsonObject> current() {
    return current;
  }

  /** Fetches the keys now, or joins the fetch under way. */
  public synchronized Future<Void> fetch() {
    if (fetching != null) {
      return fetching;
    }
    Future<Void> fetch = bus.request(UserSubjects.AUTH_JWKS, new JsonObject(), RequestMeta.internal("gateway-jwks"))
        .map(reply -> {
          publish(JsonWebKeySet.fromJson(reply.bodyAsObject()).keys());
          return null;
        });
    fetching = fetch;
    // A bus that refuses at once (no responder) completes the fetch here, which clears it again.
    fetch.onComplete(done -> {
      synchronized (this) {
        fetching = null;
      }
    });
    return fetch;
  }

  /** Whether a token with a key id not seen yet may fetch the keys now (once per {@code unknownKidGap}). */
  public boolean unknownKidFetchAllowed() {
    long now = System.currentTimeMillis();
    long last = lastUnknownKidFetchMillis.get();
    return now - last >= unknownKidGapMillis && lastUnknownKidFetchMillis.compareAndSet(last, now);
  }

  private void publish(List<JsonObject> keys) {
    // With no key at all Vert.x's JWT runs unsecured and accepts unsigned tokens: keep the last set.
    if (keys.isEmpty()) {
      throw new IllegalStateException("the user service published no token keys");
    }
    Set<String> ids = new HashSet<>();
    keys.forEach(jwk -> ids.add(jwk.getString("kid")));
    synchronized (this) {
      if (!ids.equals(kids)) {
        log.atInfo().addKeyValue("kids", ids).log("token keys loaded");
      }
      kids = Set.copyOf(ids);
    }
    current = keys;
    subscribers.forEach(subscriber -> subscriber.context().runOnContext(v -> subscriber.use().accept(keys)));
  }
}
