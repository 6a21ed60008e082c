package dev.shop.common.bus;

import dev.shop.common.error.ShopException;
import dev.shop.common.event.EventSettings;
import dev.shop.common.event.EventStream;
import dev.shop.common.event.JetStreamEvents;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import io.nats.service.Endpoint;
import io.nats.service.Service;
import io.nats.service.ServiceEndpoint;
import io.nats.service.ServiceMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus over NATS with jnats. Every domain service is a NATS Services ("micro") service: its
 * subjects are endpoints in a queue group named after the service, so replicas share the load,
 * and {@code $SRV.PING}, {@code $SRV.INFO} and {@code $SRV.STATS} answer for it.
 *
 * <p>jnats calls back on its own threads; every callback hops onto a Vert.x context first.
 */
public final class NatsBus implements Bus {

  private static final Logger log = LoggerFactory.getLogger(NatsBus.class);

  private final Vertx vertx;
  private final Connection connection;
  private final Duration timeout;
  private final BusSigning signing;
  /** Pings in progress by the last token of their reply subject, answered on one subscription. */
  private final Map<String, Ping> pings = new ConcurrentHashMap<>();
  private final AtomicLong pingCount = new AtomicLong();
  private String pingInbox;
  private EventStream events;

  private NatsBus(Vertx vertx, Connection connection, Duration timeout, BusSigning signing) {
    this.vertx = vertx;
    this.connection = connection;
    this.timeout = timeout;
    this.signing = signing;
  }

  /** Connects on a worker thread (jnats connects blockingly); retries forever once connected. */
  public static Future<NatsBus> connect(Vertx vertx, NatsSettings settings, String connectionName, Duration timeout,
      BusSigning signing) {
    Options options = settings.apply(new Options.Builder())
        .connectionName(connectionName)
        .maxReconnects(-1)
        .reportNoResponders()
        .build();
    return vertx.executeBlocking(() -> {
      Connection connection = Nats.connect(options);
      log.atInfo().addKeyValue("url", settings.url()).addKeyValue("name", connectionName).log("connected to NATS");
      return new NatsBus(vertx, connection, timeout, signing);
    });
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public Future<BusReply> request(String subject, JsonObject body, RequestMeta meta, Duration timeout) {
    Headers headers = new Headers();
    putHeader(headers, BusHeaders.CALLER_ID, meta.caller().userId());
    putHeader(headers, BusHeaders.CALLER_ROLE, meta.caller().role() == null ? null : meta.caller().role().name());
    putHeader(headers, BusHeaders.REQUEST_ID, meta.requestId());
    putHeader(headers, BusHeaders.IDEMPOTENCY_KEY, meta.idempotencyKey());
    putHeader(headers, TraceContext.HEADER, TraceContext.headerForOutgoing());
    byte[] payload = body.toBuffer().getBytes();
    signing.sign(subject, meta, payload, headers::put);
    Context context = vertx.getOrCreateContext();
    return BusMetrics.sent(subject, () -> {
      // While disconnected, jnats would buffer the request and send it on reconnecting, seconds
      // later: the caller would wait past the time-out and a write might be done after its 504.
      // Refuse it now instead; and hold jnats to the time-out whatever happens meanwhile.
      if (connection.getStatus() != Connection.Status.CONNECTED) {
        return Future.failedFuture(Wire.disconnected(subject));
      }
      return Future.fromCompletionStage(connection.requestWithTimeout(subject, headers, payload, timeout), context)
          .timeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .recover(failure -> Future.failedFuture(translate(subject, failure)))
          .compose(NatsBus::toReply);
    });
  }

  private static void putHeader(Headers headers, String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
  }

  private static Future<BusReply> toReply(Message message) {
    Headers headers = message.getHeaders();
    Buffer data = Buffer.buffer(message.getData());
    String errorCode = headers == null ? null : headers.getFirst(BusHeaders.ERROR_CODE);
    if (errorCode != null) {
      JsonObject error;
      try {
        error = data.length() == 0 ? null : data.toJsonObject();
      } catch (RuntimeException e) {
        error = null;
      }
      return Future.failedFuture(
          ShopException.fromJson(Integer.parseInt(errorCode), headers.getFirst(BusHeaders.ERROR), error));
    }
    String status = headers == null ? null : headers.getFirst(BusHeaders.STATUS);
    return Future.succeededFuture(
        BusReply.received(status == null ? 200 : Integer.parseInt(status), data));
  }

  private static Throwable translate(String subject, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof JetStreamStatusException status && status.getStatus().getCode() == 503) {
      return Wire.noResponders(subject);
    }
    if (cause instanceof CancellationException || cause instanceof TimeoutException) {
      return Wire.timedOut(subject);
    }
    return cause;
  }

  @Override
  public Future<BusRegistration> serve(ServiceDefinition definition) {
    Context context = vertx.getOrCreateContext();
    var builder = Service.builder()
        .connection(connection)
        .name(definition.name())
        .version(definition.version())
        .description(definition.description());
    definition.endpoints().forEach((subject, handler) -> builder.addServiceEndpoint(ServiceEndpoint.builder()
        .endpoint(Endpoint.builder()
            .name(subject.replace('.', '_'))
            .subject(subject)
            .queueGroup(definition.name())
            .build())
        .handler(message -> context.runOnContext(v -> answer(subject, handler, message)))
        .build()));
    Service service = builder.build();
    service.startService();
    return vertx.executeBlocking(() -> {
      if (!service.isStarted(10, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("NATS service " + definition.name() + " did not start");
      }
      // Make sure the server has the subscriptions before anyone is told we serve.
      connection.flush(timeout);
      return () -> vertx.executeBlocking(() -> {
        // Draining lets requests in flight finish; a closed connection has nothing left to drain.
        if (connection.getStatus() != Connection.Status.CLOSED) {
          service.stop(true);
        }
        return null;
      });
    });
  }

  private void answer(String subject, BusHandler handler, ServiceMessage message) {
    Headers requestHeaders = message.getHeaders();
    Wire.invoke(handler, subject, Buffer.buffer(message.getData()),
        name -> requestHeaders == null ? null : requestHeaders.getFirst(name), signing).onComplete(result -> {
          Headers headers = new Headers();
          byte[] payload;
          if (result.succeeded()) {
            BusReply reply = result.result();
            if (reply.status() != 200) {
              headers.put(BusHeaders.STATUS, Integer.toString(reply.status()));
            }
            payload = reply.encodedBody().getBytes();
          } else {
            ShopException error = (ShopException) result.cause();
            headers.put(BusHeaders.ERROR, error.getMessage());
            headers.put(BusHeaders.ERROR_CODE, Integer.toString(error.status()));
            payload = error.toJson().encode().getBytes(StandardCharsets.UTF_8);
          }
          message.respond(connection, payload, headers);
        });
  }

  /**
   * Publishes {@code $SRV.PING.<service>} with a reply subject of its own and collects the answers
   * of the window: every instance of the service answers (the Services protocol's discovery
   * subjects have no queue group).
   */
  @Override
  public Future<List<ServiceInstance>> ping(String service, Duration window) {
    String token = Long.toString(pingCount.incrementAndGet());
    Ping ping = new Ping(System.nanoTime(), new ArrayList<>());
    pings.put(token, ping);
    connection.publish("$SRV.PING." + service, pingInbox() + "." + token, new byte[0]);
    Promise<List<ServiceInstance>> collected = Promise.promise();
    vertx.setTimer(Math.max(1, window.toMillis()), id -> {
      pings.remove(token);
      collected.complete(ping.answers());
    });
    return collected.future();
  }

  /** A ping in progress: when it left, and the instances that answered so far. */
  private record Ping(long sentAt, List<ServiceInstance> instances) {

    synchronized void answered(String id) {
      instances.add(new ServiceInstance(id, Duration.ofNanos(System.nanoTime() - sentAt)));
    }

    synchronized List<ServiceInstance> answers() {
      return List.copyOf(instances);
    }
  }

  /** The subject prefix of ping answers; one subscription for all pings, made on first use. */
  private synchronized String pingInbox() {
    if (pingInbox == null) {
      String inbox = connection.createInbox();
      Dispatcher dispatcher = connection.createDispatcher(message -> {
        Ping ping = pings.get(message.getSubject().substring(inbox.length() + 1));
        if (ping == null) {
          return;
        }
        try {
          ping.answered(new JsonObject(Buffer.buffer(message.getData())).getString("id"));
        } catch (RuntimeException e) {
          log.atDebug().addKeyValue("subject", message.getSubject()).log("ping answer that is not JSON ignored");
        }
      });
      dispatcher.subscribe(inbox + ".*");
      pingInbox = inbox;
    }
    return pingInbox;
  }

  @Override
  public synchronized EventStream events(EventSettings settings) {
    if (events == null) {
      events = new JetStreamEvents(vertx, connection, settings);
    }
    return events;
  }

  @Override
  public boolean connected() {
    return connection.getStatus() == Connection.Status.CONNECTED;
  }

  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      connection.close();
      return null;
    });
  }
}
