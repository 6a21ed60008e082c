package dev.shop.nats;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusHeaders;
import dev.shop.common.bus.BusMetrics;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusSigning;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.bus.ServiceInstance;
import dev.shop.common.bus.Wire;
import dev.shop.common.error.ShopException;
import dev.shop.common.event.EventSettings;
import dev.shop.common.event.EventStream;
import dev.shop.common.json.Gzip;
import dev.shop.common.text.Redacted;
import dev.shop.nats.JetStreamEvents;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus over NATS. Every domain service is a NATS Services ("micro") service: its subjects are
 * endpoints in a queue group named after the service, so replicas share the load, and
 * {@code $SRV.PING}, {@code $SRV.INFO} and {@code $SRV.STATS} answer for it ({@link NatsService}).
 *
 * <p>Requests and replies go over one {@link NatsLink} per event loop that uses the bus: a
 * verticle's requests leave from its own loop and their replies come back to it, and a service
 * instance's requests arrive on its loop, so nothing crosses threads inside the JVM. JetStream (the
 * events, {@link JetStreamEvents}) keeps its jnats connection, whose threads are not on the
 * request path.
 */
public final class NatsBus implements Bus {

  private static final Logger log = LoggerFactory.getLogger(NatsBus.class);

  private final VertxInternal vertx;
  private final Connection connection;
  private final NetClient client;
  private final NatsLink.Settings linkSettings;
  private final Duration timeout;
  private final BusSigning signing;
  private final Map<EventLoop, Future<NatsLink>> links = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private EventStream events;

  private NatsBus(VertxInternal vertx, NetClient client, Connection connection, NatsLink.Settings linkSettings,
      Duration timeout, BusSigning signing) {
    this.vertx = vertx;
    this.client = client;
    this.connection = connection;
    this.linkSettings = linkSettings;
    this.timeout = timeout;
    this.signing = signing;
  }

  /**
   * Connects the caller's event loop's link, then jnats (for JetStream; on a worker thread, it
   * connects blockingly; retries forever once connected). Fails, naming why, when a TLS file cannot
   * be used or a server refuses the credentials or the TLS: the link goes first since its refusal
   * says why (a TLS alert, the server's -ERR) where jnats may only say that it timed out.
   */
  public static Future<NatsBus> connect(Vertx vertx, NatsSettings settings, String connectionName, Duration timeout,
      BusSigning signing) {
    VertxInternal internal = (VertxInternal) vertx;
    ContextInternal context = internal.getOrCreateContext();
    // TLS (trust, client certificate, host name check) comes with each upgrade: NatsLink.Tls.
    NetClient client = vertx.createNetClient(new NetClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .setTcpNoDelay(true));
    NatsLink.Settings linkSettings = settings.linkSettings(connectionName, timeout);
    PromiseInternal<NatsBus> connected = context.promise();
    // jnats's options first: they read the TLS files, so one that cannot be used stops it all here.
    vertx.executeBlocking(() -> jnatsOptions(settings, connectionName))
        .compose(options -> NatsLink.connect(internal, client, linkSettings, context.nettyEventLoop())
            .compose(link -> vertx.executeBlocking(() -> connectJnats(options))
                .map(connection -> {
                  NatsBus bus = new NatsBus(internal, client, connection, linkSettings, timeout, signing);
                  bus.links.put(context.nettyEventLoop(), Future.succeededFuture(link));
                  return bus;
                })
                .recover(failure -> link.close().transform(v -> Future.failedFuture(failure)))))
        .onSuccess(bus -> {
          NatsMetrics.countReconnects();
          log.atInfo().addKeyValue("url", settings.redactedUrl()).addKeyValue("name", connectionName)
              .log("connected to NATS");
        })
        .recover(failure -> client.close().transform(v -> Future.failedFuture(failure)))
        .onComplete(connected);
    return connected.future();
  }

  /** jnats's options for this JVM; reads the TLS files ({@link NatsSettings#apply}). */
  private static Options.Builder jnatsOptions(NatsSettings settings, String connectionName) {
    return settings.apply(new Options.Builder())
        .connectionName(connectionName)
        .maxReconnects(-1)
        .reportNoResponders()
        // jnats's 2 s is less than a JVM's first TLS handshake can take on a small loaded machine.
        .connectionTimeout(settings.limits().connectTimeout());
  }

  /** Connects jnats, blocking; its failure names the causes jnats reported, not "Unable to connect" alone. */
  static Connection connectJnats(Options.Builder options) throws IOException, InterruptedException {
    JnatsLog reported = new JnatsLog();
    try {
      return Nats.connect(options.errorListener(reported).connectionListener(reported).build());
    } catch (AuthenticationException refused) {
      throw refused;
    } catch (IOException refused) {
      // jnats names the servers it tried, credentials included: the message is redacted and the
      // original, which a stack trace would print, left out.
      throw new IOException(Redacted.urls(reported.explained(refused).getMessage()));
    }
  }

  /**
   * The link of {@code caller}'s event loop, connected on first use, as a future of the caller's
   * context: what the caller composes on it runs there (with its trace), not on the link's.
   */
  private Future<NatsLink> link(ContextInternal caller) {
    Future<NatsLink> link = sharedLink(caller);
    if (link.succeeded()) {
      return caller.succeededFuture(link.result());
    }
    PromiseInternal<NatsLink> here = caller.promise();
    link.onComplete(here);
    return here.future();
  }

  private Future<NatsLink> sharedLink(ContextInternal context) {
    EventLoop loop = context.nettyEventLoop();
    Future<NatsLink> link = links.get(loop);
    if (link == null) {
      if (closed) {
        return Future.failedFuture(new IllegalStateException("the bus is closed"));
      }
      link = links.computeIfAbsent(loop, l -> NatsLink.connect(vertx, client, linkSettings, l)
          .onFailure(failure -> links.remove(l)));
    }
    return link;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public Future<BusReply> request(String subject, JsonObject body, RequestMeta meta, Duration timeout) {
    NatsHeaders headers = new NatsHeaders();
    Buffer payload = body.toBuffer();
    Wire.writeRequestHeaders(subject, meta, payload.getBytes(), signing, headers::put);
    ContextInternal caller = vertx.getOrCreateContext();
    return BusMetrics.sent(subject, () -> {
      long deadline = System.nanoTime() + timeout.toNanos();
      Future<NatsLink> link = link(caller);
      if (!link.isComplete()) {
        // A link made by this request: its connecting counts against the request's time-out (a hung
        // server takes a whole handshake time-out to give up).
        link = link.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      return link.recover(failure -> Future.failedFuture(NatsLink.disconnected(subject)))
          .compose(connected -> connected.request(subject, headers, payload,
              Math.max(1, (deadline - System.nanoTime()) / 1_000_000), caller))
          .compose(NatsBus::toReply);
    });
  }

  private static Future<BusReply> toReply(NatsLink.Delivery message) {
    NatsHeaders headers = message.headers();
    Buffer data = message.data();
    String errorCode = headers == null ? null : headers.first(BusHeaders.ERROR_CODE);
    if (errorCode != null) {
      JsonObject error;
      try {
        error = data.length() == 0 ? null : data.toJsonObject();
      } catch (RuntimeException e) {
        error = null;
      }
      return Future.failedFuture(
          ShopException.fromJson(Integer.parseInt(errorCode), headers.first(BusHeaders.ERROR), error));
    }
    String status = headers == null ? null : headers.first(BusHeaders.STATUS);
    return Future.succeededFuture(
        BusReply.received(status == null ? 200 : Integer.parseInt(status), data,
            headers != null && Gzip.ENCODING.equals(headers.first(BusHeaders.CONTENT_ENCODING))));
  }

  @Override
  public Future<BusRegistration> serve(ServiceDefinition definition) {
    ContextInternal context = vertx.getOrCreateContext();
    return link(context).compose(link -> NatsService.start(link, context, signing, definition, timeout.toMillis()));
  }

  /**
   * Publishes {@code $SRV.PING.<service>} with a reply subject of its own and collects the answers
   * of the window: every instance of the service answers (the Services protocol's discovery
   * subjects have no queue group).
   */
  @Override
  public Future<List<ServiceInstance>> ping(String service, Duration window) {
    ContextInternal caller = vertx.getOrCreateContext();
    Promise<List<ServiceInstance>> collected = caller.promise();
    link(caller).onFailure(failure -> collected.tryComplete(List.of())).onSuccess(link -> {
      long sentAt = System.nanoTime();
      List<ServiceInstance> answers = new ArrayList<>();
      link.gather("$SRV.PING." + service, window.toMillis(), answer -> {
        try {
          answers.add(new ServiceInstance(answer.data().toJsonObject().getString("id"),
              Duration.ofNanos(System.nanoTime() - sentAt)));
        } catch (RuntimeException e) {
          log.atDebug().addKeyValue("subject", answer.subject()).log("ping answer that is not JSON ignored");
        }
      }, () -> collected.tryComplete(List.copyOf(answers)));
    });
    return collected.future();
  }

  @Override
  public synchronized EventStream events(EventSettings settings) {
    if (events == null) {
      events = new JetStreamEvents(vertx, connection, settings);
    }
    return events;
  }

  /** Whether jnats and every link made so far are connected. */
  @Override
  public boolean connected() {
    if (connection.getStatus() != Connection.Status.CONNECTED) {
      return false;
    }
    boolean any = false;
    for (Future<NatsLink> link : links.values()) {
      if (link.succeeded()) {
        if (!link.result().connected()) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  @Override
  public Future<Void> close() {
    closed = true;
    List<Future<Void>> closing = new ArrayList<>();
    links.values().forEach(link -> closing.add(link.compose(NatsLink::close, failure -> Future.succeededFuture())));
    return Future.join(closing).transform(v -> client.close()).transform(v -> vertx.executeBlocking(() -> {
      connection.close();
      return null;
    }));
  }
}
