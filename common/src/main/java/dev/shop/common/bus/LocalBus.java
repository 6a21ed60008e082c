package dev.shop.common.bus;

import dev.shop.common.error.ShopException;
import dev.shop.common.event.EventSettings;
import dev.shop.common.event.EventStream;
import dev.shop.common.event.LocalEvents;
import dev.shop.common.vertx.Contexts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bus inside one JVM: a request runs its handler on the serving instance's event loop, and the
 * reply comes back on the caller's. Bodies and headers travel encoded as on NATS (bytes, the same
 * header names, the same signature, errors as status plus JSON), so a handler sees exactly what it
 * would see over the network; only the network and the Vert.x event bus's per-message machinery
 * (reply addresses, codecs, copies) are left out.
 */
public final class LocalBus implements Bus {

  private final Vertx vertx;
  private final Duration timeout;
  private final BusSigning signing;
  /** The instances serving each subject, taken in turn. */
  private final Map<String, Endpoints> endpoints = new ConcurrentHashMap<>();
  /** The instances serving each service: an id and the context its handlers run on. */
  private final Map<String, Map<String, Context>> instances = new ConcurrentHashMap<>();
  private EventStream events;

  /**
   * A subject's handlers, one per serving instance, each with the context it runs on. The list is
   * replaced, never changed, so a request reads one consistent snapshot without a lock.
   */
  private static final class Endpoints {
    private volatile List<Endpoint> serving = List.of();
    private final AtomicInteger turn = new AtomicInteger();

    Endpoint next() {
      List<Endpoint> now = serving;
      return now.isEmpty() ? null : now.get(Math.floorMod(turn.getAndIncrement(), now.size()));
    }

    synchronized void add(Endpoint endpoint) {
      List<Endpoint> more = new ArrayList<>(serving);
      more.add(endpoint);
      serving = List.copyOf(more);
    }

    synchronized void remove(Endpoint endpoint) {
      serving = serving.stream().filter(other -> other != endpoint).toList();
    }
  }

  private record Endpoint(BusHandler handler, Context context) {
  }

  public LocalBus(Vertx vertx, Duration timeout, BusSigning signing) {
    this.vertx = vertx;
    this.timeout = timeout;
    this.signing = signing;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public Future<BusReply> request(String subject, JsonObject body, RequestMeta meta, Duration timeout) {
    Map<String, String> headers = new HashMap<>(16);
    Buffer payload = body.toBuffer();
    Wire.writeRequestHeaders(subject, meta, payload.getBytes(), signing, headers::put);
    Context caller = vertx.getOrCreateContext();
    return BusMetrics.sent(subject, () -> {
      Endpoints serving = endpoints.get(subject);
      Endpoint target = serving == null ? null : serving.next();
      if (target == null) {
        return Future.failedFuture(Wire.noResponders(subject));
      }
      Promise<BusReply> answered = Contexts.promiseOn(caller);
      long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> answered.tryFail(Wire.timedOut(subject)));
      target.context().runOnContext(v -> Wire.invoke(target.handler(), subject, payload, headers::get, signing)
          .onComplete(result -> {
            vertx.cancelTimer(timer);
            if (result.succeeded()) {
              BusReply reply = result.result();
              answered.tryComplete(BusReply.received(reply.status(), reply.encodedBody(), reply.gzipped()));
            } else {
              // As over NATS: the caller rebuilds the error from its status and JSON.
              ShopException error = (ShopException) result.cause();
              answered.tryFail(ShopException.fromJson(error.status(), error.getMessage(), error.toJson()));
            }
          }));
      return answered.future();
    });
  }

  @Override
  public Future<BusRegistration> serve(ServiceDefinition service) {
    Context context = vertx.getOrCreateContext();
    List<Runnable> removals = new ArrayList<>();
    service.endpoints().forEach((subject, handler) -> {
      Endpoint endpoint = new Endpoint(handler, context);
      Endpoints serving = endpoints.computeIfAbsent(subject, name -> new Endpoints());
      serving.add(endpoint);
      removals.add(() -> serving.remove(endpoint));
    });
    String instanceId = UUID.randomUUID().toString();
    Map<String, Context> running = instances.computeIfAbsent(service.name(), name -> new ConcurrentHashMap<>());
    running.put(instanceId, context);
    return Future.succeededFuture(() -> {
      running.remove(instanceId);
      removals.forEach(Runnable::run);
      return Future.succeededFuture();
    });
  }

  /** An instance answers once its event loop has run the ping: a blocked loop does not answer. */
  @Override
  public Future<List<ServiceInstance>> ping(String service, Duration window) {
    List<Future<ServiceInstance>> answers = new ArrayList<>();
    instances.getOrDefault(service, Map.of()).forEach((id, context) -> {
      Promise<ServiceInstance> answer = Promise.promise();
      long sentAt = System.nanoTime();
      context.runOnContext(v -> answer.tryComplete(new ServiceInstance(id, Duration.ofNanos(System.nanoTime() - sentAt))));
      answers.add(answer.future().timeout(window.toMillis(), TimeUnit.MILLISECONDS));
    });
    return Future.join(answers).transform(done -> Future.succeededFuture(
        answers.stream().filter(Future::succeeded).map(Future::result).toList()));
  }

  @Override
  public synchronized EventStream events(EventSettings settings) {
    if (events == null) {
      events = new LocalEvents(vertx, settings);
    }
    return events;
  }

  @Override
  public boolean connected() {
    return true;
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
