package dev.shop.common.bus;

import dev.shop.common.error.ShopException;
import dev.shop.common.event.EventSettings;
import dev.shop.common.event.EventStream;
import dev.shop.common.event.LocalEvents;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The bus inside one JVM, over the Vert.x event bus. Bodies travel encoded as on NATS, so a
 * handler sees exactly what it would see over the network.
 */
public final class LocalBus implements Bus {

  private static final String PREFIX = "shop.bus.";

  private final Vertx vertx;
  private final Duration timeout;
  private final BusSigning signing;
  /** The instances serving each service: an id and the context its handlers run on. */
  private final Map<String, Map<String, Context>> instances = new ConcurrentHashMap<>();
  private EventStream events;

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
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
    putHeader(options, BusHeaders.CALLER_ID, meta.caller().userId());
    putHeader(options, BusHeaders.CALLER_ROLE, meta.caller().role() == null ? null : meta.caller().role().name());
    putHeader(options, BusHeaders.REQUEST_ID, meta.requestId());
    putHeader(options, BusHeaders.IDEMPOTENCY_KEY, meta.idempotencyKey());
    putHeader(options, TraceContext.HEADER, TraceContext.headerForOutgoing());
    Buffer payload = body.toBuffer();
    signing.sign(subject, meta, payload.getBytes(), options::addHeader);
    return BusMetrics.sent(subject, () -> vertx.eventBus().<Buffer>request(PREFIX + subject, payload, options)
        .recover(failure -> Future.failedFuture(translate(subject, failure)))
        .map(reply -> {
          String status = reply.headers().get(BusHeaders.STATUS);
          return BusReply.received(status == null ? 200 : Integer.parseInt(status), reply.body());
        }));
  }

  private static void putHeader(DeliveryOptions options, String name, String value) {
    if (value != null) {
      options.addHeader(name, value);
    }
  }

  private static Throwable translate(String subject, Throwable failure) {
    if (failure instanceof ReplyException reply) {
      switch (reply.failureType()) {
        case NO_HANDLERS:
          return Wire.noResponders(subject);
        case TIMEOUT:
          return Wire.timedOut(subject);
        default:
          JsonObject error;
          try {
            error = new JsonObject(reply.getMessage());
          } catch (RuntimeException e) {
            error = null;
          }
          return ShopException.fromJson(reply.failureCode(), reply.getMessage(), error);
      }
    }
    return failure;
  }

  @Override
  public Future<BusRegistration> serve(ServiceDefinition service) {
    List<MessageConsumer<Buffer>> consumers = new ArrayList<>();
    List<Future<Void>> ready = new ArrayList<>();
    service.endpoints().forEach((subject, handler) -> {
      MessageConsumer<Buffer> consumer = vertx.eventBus().localConsumer(PREFIX + subject,
          message -> answer(subject, handler, message));
      consumers.add(consumer);
      ready.add(consumer.completion());
    });
    String instanceId = UUID.randomUUID().toString();
    Map<String, Context> running = instances.computeIfAbsent(service.name(), name -> new ConcurrentHashMap<>());
    return Future.all(ready).map(v -> {
      running.put(instanceId, vertx.getOrCreateContext());
      return () -> {
        running.remove(instanceId);
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
      };
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

  private void answer(String subject, BusHandler handler, Message<Buffer> message) {
    Wire.invoke(handler, subject, message.body(), message.headers()::get, signing).onComplete(result -> {
      if (result.succeeded()) {
        BusReply reply = result.result();
        DeliveryOptions options = new DeliveryOptions();
        if (reply.status() != 200) {
          options.addHeader(BusHeaders.STATUS, Integer.toString(reply.status()));
        }
        message.reply(reply.encodedBody(), options);
      } else {
        ShopException error = (ShopException) result.cause();
        message.fail(error.status(), error.toJson().encode());
      }
    });
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
