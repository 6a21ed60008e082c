package dev.shop.nats;

import dev.shop.common.bus.Wire;
import dev.shop.common.error.ShopException;
import dev.shop.common.text.Redacted;
import io.nats.client.AuthHandler;
import io.nats.client.NUID;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to NATS that lives on one Vert.x event loop and speaks the core protocol itself
 * (PUB and HPUB, SUB and UNSUB, MSG and HMSG, PING and PONG): what it reads is parsed and handed
 * on on that loop, and what the loop's verticles send is written from it, with no client thread
 * in between (jnats's reader, writer and dispatcher threads cost a product by id 40 µs of CPU and
 * two thread hand-overs each way). After a lost connection it tries the servers in its own
 * shuffled order, backing off, and subscribes again; requests meanwhile fail at once, and replies
 * wait (bounded) to be sent once connected. A server announcing lame duck mode is left for
 * another one while its connection is still read for the replies of the requests sent on it.
 *
 * <p>Every field is touched on the link's event loop only; entry points from elsewhere hop there.
 */
final class NatsLink {

  private static final Logger log = LoggerFactory.getLogger(NatsLink.class);

  private static final byte[] CRLF = {'\r', '\n'};
  private static final Buffer PING = Buffer.buffer("PING\r\n");
  static final Buffer PONG = Buffer.buffer("PONG\r\n");
  /** The sid of the link's reply subscription, the first it makes. */
  private static final int INBOX_SID = 1;
  /** At most one line per this and link for each kind of trouble a peer can repeat at will, with the count held back. */
  static final Duration LOG_EVERY = Duration.ofSeconds(5);

  /** SWITCHING: leaving a lame duck for another server; requests and replies wait for it. */
  enum Status { CONNECTING, CONNECTED, SWITCHING, RECONNECTING, CLOSED }

  /** A message as it arrived; {@code headers} is null when it had none. */
  record Delivery(String subject, String replyTo, NatsHeaders headers, Buffer data) {
  }

  /** How to reach and sign in to the servers; shared by the links of a JVM. */
  record Settings(List<URI> servers, String user, String password, AuthHandler auth, String inboxPrefix,
      String connectionName, NatsLinkLimits limits, Duration drain, Tls tls) {
  }

  /**
   * TLS as jnats does it: when {@code required}, every server must offer TLS and the link upgrades
   * after the server's INFO, or before it when {@code first} (a server with {@code handshake_first});
   * when not, a server that requires TLS is refused rather than upgraded to with no TLS settings.
   */
  record Tls(boolean required, boolean first, ClientSSLOptions options) {
  }

  private record Subscription(String subject, String queue, Handler<Delivery> handler) {
  }

  /** What waits on a reply subject: its answers, and what to do when the connection is lost. */
  private record Awaiting(Handler<Delivery> answered, Runnable lost) {
  }

  private final VertxInternal vertx;
  private final ContextInternal context;
  private final NetClient client;
  private final Settings settings;
  private final NatsLinkLimits limits;
  private final LogThrottle refusedLog = new LogThrottle(LOG_EVERY);
  private final LogThrottle errorLog = new LogThrottle(LOG_EVERY);
  private final LogThrottle malformedLog = new LogThrottle(LOG_EVERY);
  private final LogThrottle droppedLog = new LogThrottle(LOG_EVERY);
  /** The servers in this link's own order (shuffled, so that links spread over a cluster). */
  private final List<URI> servers;
  private int nextServer;
  private final String inbox;
  /** Requests and pings waiting for answers, by the last token of their reply subject. */
  private final Map<String, Awaiting> awaiting = new HashMap<>();
  private long nextToken;
  private final Map<Integer, Subscription> subscriptions = new LinkedHashMap<>();
  private int nextSid = 1;
  /** Flushes waiting for their PONG, in order; a keep-alive ping holds {@link #keepAlive}. */
  private final ArrayDeque<Promise<Void>> pongs = new ArrayDeque<>();
  private final Promise<Void> keepAlive = Promise.promise();
  private NetSocket socket;
  private NatsReader reader;
  /** Frames written in this turn of the event loop, not yet on the socket. */
  private Buffer unsent;
  /** Frames published while reconnecting (replies, mostly), sent once connected; or null. */
  private Buffer held;
  /** Set while the socket's write queue stays full: gives the server up at the write deadline. */
  private long writeDeadlineTimer = -1;
  /** A lame duck's socket, still read for the replies of the requests sent on it; or null. */
  private NatsReader leaving;
  /** The lame duck left last, not tried again until another server let the link in. */
  private URI lameDuck;
  /** Failed attempts since the connection was lost. */
  private int failures;
  /**
   * Whether this socket's CONNECT, with the subscriptions of that moment, is written: one made
   * later, during the rest of the handshake, is written at once, not left for the next connection.
   */
  private boolean signedIn;
  private Status status = Status.CONNECTING;
  private Promise<Void> handshake;
  private URI server;
  private int pingsOut;
  private long pingTimer = -1;
  private long maxPayload = Long.MAX_VALUE;

  private NatsLink(VertxInternal vertx, ContextInternal context, NetClient client, Settings settings) {
    this.vertx = vertx;
    this.context = context;
    this.client = client;
    this.settings = settings;
    this.limits = settings.limits();
    this.servers = new ArrayList<>(settings.servers());
    Collections.shuffle(servers, ThreadLocalRandom.current());
    this.inbox = (settings.inboxPrefix() == null ? "_INBOX" : settings.inboxPrefix()) + "." + NUID.nextGlobal();
    subscriptions.put(nextSid++, new Subscription(inbox + ".*", null, this::answered));
  }

  /** Connects a link on {@code loop}: to the first server that lets it in, or fails. */
  static Future<NatsLink> connect(VertxInternal vertx, NetClient client, Settings settings, EventLoop loop) {
    ContextInternal context = vertx.contextBuilder().withEventLoop(loop).build();
    NatsLink link = new NatsLink(vertx, context, client, settings);
    PromiseInternal<NatsLink> connected = context.promise();
    context.runOnContext(v -> link.connectToAny(link.servers.size(), null).map(link).onComplete(connected));
    return connected.future();
  }

  private Future<Void> connectToAny(int attemptsLeft, Throwable last) {
    if (attemptsLeft == 0 || status == Status.CLOSED) {
      status = Status.CLOSED;
      return Future.failedFuture(last == null ? new IllegalStateException("no NATS server") : last);
    }
    return connectTo(servers.get(nextServer++ % servers.size()))
        .recover(failure -> connectToAny(attemptsLeft - 1, failure));
  }

  private Future<Void> connectTo(URI target) {
    server = target;
    Promise<Void> done = Promise.promise();
    handshake = done;
    long timer = vertx.setTimer(limits.connectTimeout().toMillis(),
        t -> done.tryFail(new IllegalStateException("NATS at " + address(target) + " did not complete its handshake in "
            + limits.connectTimeout().toMillis() + " ms" + (settings.tls().first() ? ""
                : " (a server with handshake_first says nothing until the client starts TLS: set SHOP_NATS_TLS_FIRST)"))));
    client.connect(port(target), target.getHost()).onComplete(connected -> {
      if (connected.failed()) {
        done.tryFail(connected.cause());
        return;
      }
      NetSocket opened = connected.result();
      if (done.future().isComplete()) {
        opened.close();
        return;
      }
      socket = opened;
      signedIn = false;
      unsent = null;
      reader = new NatsReader(this, opened);
      opened.handler(reader::read);
      opened.setWriteQueueMaxSize(limits.pendingBytes());
      opened.drainHandler(v -> cancelWriteDeadline());
      opened.closeHandler(v -> closed(opened));
      opened.exceptionHandler(e -> {
        // During the handshake it is why the server is refused (a TLS alert: no client certificate).
        if (!done.tryFail(refused(target, e))) {
          log.atDebug().addKeyValue("server", target.getHost()).setCause(e).log("NATS connection error");
        }
      });
      if (settings.tls().first()) {
        // The server says nothing before the TLS handshake; its INFO comes over TLS.
        opened.upgradeToSsl(settings.tls().options(), target.getHost())
            .onFailure(e -> done.tryFail(refused(target, e)));
      }
    });
    return done.future().andThen(result -> {
      vertx.cancelTimer(timer);
      if (result.failed() && socket != null) {
        NetSocket failed = socket;
        socket = null;
        failed.close();
      }
    }).onSuccess(v -> {
      status = Status.CONNECTED;
      pingsOut = 0;
      pingTimer = vertx.setPeriodic(limits.pingInterval().toMillis(), t -> keepAlive());
    });
  }

  private static int port(URI uri) {
    return uri.getPort() < 0 ? 4222 : uri.getPort();
  }

  private static IllegalStateException refused(URI server, Throwable cause) {
    return new IllegalStateException("NATS at " + address(server) + " refused: " + cause.getMessage(), cause);
  }

  // --- reading (NatsReader hands on what it parsed) ---------------------------------------------

  /**
   * Hands a message to its subscription. A header block that cannot be read (any client may
   * publish one) drops the message alone: counted, logged at a bounded rate, the connection kept.
   */
  void deliver(int sid, String subject, String replyTo, Buffer record, int headerLength) {
    Subscription subscription = subscriptions.get(sid);
    if (subscription == null) {
      return;
    }
    NatsHeaders headers = null;
    if (headerLength > 0) {
      try {
        headers = NatsHeaders.parse(record, headerLength);
      } catch (RuntimeException malformed) {
        NatsMetrics.malformedMessage();
        long heldBack = malformedLog.admit(null);
        if (heldBack >= 0) {
          log.atWarn().addKeyValue("subject", subject).addKeyValue("reason", String.valueOf(malformed.getMessage()))
              .addKeyValue("droppedSinceLastLine", heldBack).log("NATS message with a malformed header block dropped");
        }
        return;
      }
    }
    Buffer data = record.slice(headerLength, record.length() - 2);
    try {
      subscription.handler().handle(new Delivery(subject, replyTo, headers, data));
    } catch (RuntimeException e) {
      log.atError().addKeyValue("subject", subject).setCause(e).log("NATS message handler failed");
    }
  }

  void pinged() {
    write(PONG);
  }

  void info(JsonObject info) {
    maxPayload = info.getLong("max_payload", Long.MAX_VALUE);
    JsonArray discovered = info.getJsonArray("connect_urls");
    if (discovered != null) {
      for (Object address : discovered) {
        URI found = discoveredServer((String) address);
        if (servers.stream().noneMatch(known -> known.getHost().equals(found.getHost()) && port(known) == port(found))) {
          servers.add(ThreadLocalRandom.current().nextInt(servers.size() + 1), found);
        }
      }
    }
    if (!handshaking()) {
      if (info.getBoolean("ldm", false)) {
        leaveLameDuck();
      }
      return;
    }
    secured(info).onSuccess(v -> signIn(info, socket.isSsl())).onFailure(handshake::tryFail);
  }

  /** The connection after jnats's checks of the server's INFO: upgraded to TLS, refused, or left plain. */
  private Future<Void> secured(JsonObject info) {
    if (socket.isSsl()) {
      return Future.succeededFuture();
    }
    boolean serverRequires = info.getBoolean("tls_required", false);
    if (settings.tls().required()) {
      if (!serverRequires && !info.getBoolean("tls_available", false)) {
        return Future.failedFuture(new IllegalStateException("NATS at " + address(server) + " does not offer TLS, "
            + "which this JVM requires (a tls:// URL or a SHOP_NATS_TLS_* setting); jnats: SSL connection wanted by client"));
      }
      return socket.upgradeToSsl(settings.tls().options(), server.getHost())
          .recover(e -> Future.failedFuture(refused(server, e)));
    }
    if (serverRequires) {
      return Future.failedFuture(new IllegalStateException("NATS at " + address(server) + " requires TLS: use tls:// "
          + "URLs or set SHOP_NATS_TLS_CA_FILE; jnats: SSL required by server"));
    }
    return Future.succeededFuture();
  }

  /**
   * A server the cluster announced ({@code host:port}), reached as the configured ones are: the
   * same scheme, and the credentials of the server that announced it (those of {@code NATS_URL}).
   */
  private URI discoveredServer(String address) {
    String scheme = server.getScheme() == null ? "nats" : server.getScheme();
    String userInfo = server.getRawUserInfo();
    return URI.create(scheme + "://" + (userInfo == null ? "" : userInfo + "@") + address);
  }

  /** CONNECT, every subscription (again, after a reconnect) and a PING whose PONG ends the handshake. */
  private void signIn(JsonObject info, boolean tls) {
    JsonObject connect = new JsonObject()
        .put("lang", "java-vertx")
        .put("version", "1")
        .put("protocol", 1)
        .put("verbose", false)
        .put("pedantic", false)
        .put("tls_required", tls)
        .put("echo", true)
        .put("headers", true)
        .put("no_responders", true);
    if (settings.connectionName() != null) {
      connect.put("name", settings.connectionName());
    }
    String nonce = info.getString("nonce");
    if (settings.auth() != null && nonce != null) {
      byte[] signature = settings.auth().sign(nonce.getBytes(StandardCharsets.UTF_8));
      char[] jwt = settings.auth().getJWT();
      connect.put("nkey", new String(settings.auth().getID()))
          .put("sig", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
      if (jwt != null) {
        connect.put("jwt", new String(jwt));
      }
    }
    String[] fromUri = server.getRawUserInfo() == null ? null : server.getRawUserInfo().split(":", 2);
    if (settings.user() != null) {
      connect.put("user", settings.user()).put("pass", settings.password());
    } else if (fromUri != null && fromUri.length == 2) {
      connect.put("user", NatsSettings.decoded(fromUri[0])).put("pass", NatsSettings.decoded(fromUri[1]));
    } else if (fromUri != null) {
      connect.put("auth_token", NatsSettings.decoded(fromUri[0]));
    }
    Buffer opening = Buffer.buffer("CONNECT ").appendString(connect.encode()).appendBytes(CRLF);
    subscriptions.forEach((sid, subscription) -> opening.appendBuffer(subscribeLine(sid, subscription)));
    write(opening.appendBuffer(PING));
    signedIn = true;
  }

  void pong() {
    pingsOut = 0;
    if (handshaking()) {
      // Flushes waiting since a lame duck was left: this server has their subscriptions now. Taken
      // first: completing the handshake runs what waited for it, which may queue flushes of its own.
      List<Promise<Void>> waiting = pongs.isEmpty() ? List.of() : new ArrayList<>(pongs);
      pongs.clear();
      handshake.tryComplete();
      waiting.forEach(Promise::tryComplete);
      return;
    }
    Promise<Void> waiting = pongs.poll();
    if (waiting != null && waiting != keepAlive) {
      waiting.tryComplete();
    }
  }

  void error(String text, boolean fromLameDuck) {
    if (!fromLameDuck && handshaking() && !text.contains("Permissions Violation")) {
      handshake.tryFail(new IllegalStateException("NATS refused the connection: " + text));
      return;
    }
    // Permission violations leave the connection open; the server closes it after other errors.
    long heldBack = errorLog.admit(text);
    if (heldBack >= 0) {
      log.atWarn().addKeyValue("server", address(fromLameDuck ? lameDuck : server)).addKeyValue("error", text)
          .addKeyValue("errorsSinceLastLine", heldBack).log("NATS error");
    }
  }

  /** Host and port of a server, for log lines (never its credentials). */
  private static String address(URI server) {
    return server == null ? "" : server.getHost() + ":" + port(server);
  }

  private boolean handshaking() {
    return handshake != null && !handshake.future().isComplete();
  }

  private void closed(NetSocket which) {
    if (leaving != null && which == leaving.socket()) {
      leaving = null;
      return;
    }
    if (which != socket) {
      return;
    }
    socket = null;
    reader.stop();
    cancelWriteDeadline();
    cancelPings(true);
    if (handshaking()) {
      handshake.tryFail(new IllegalStateException("NATS closed the connection during the handshake"));
      return;
    }
    if (status == Status.CLOSED) {
      return;
    }
    status = Status.RECONNECTING;
    NatsMetrics.reconnect();
    log.atWarn().addKeyValue("server", address(server)).log("NATS connection lost; reconnecting");
    // Their replies cannot come on another connection: they fail now rather than at their time-out.
    List.copyOf(awaiting.values()).forEach(waiting -> waiting.lost().run());
    reconnect();
  }

  /**
   * The server announced lame duck mode: the link connects to another one, to which new requests
   * and replies go (held meanwhile), while this one's socket is still read for the replies of the
   * requests sent on it, without the service subscriptions, until it closes or the drain time passes.
   */
  private void leaveLameDuck() {
    if (status != Status.CONNECTED || servers.size() < 2) {
      return;
    }
    log.atInfo().addKeyValue("server", address(server)).log("NATS server entering lame duck mode; moving to another");
    NatsMetrics.reconnect();
    writeUnsent();
    if (leaving != null) {
      leaving.socket().close();
    }
    leaving = reader;
    leaving.drain();
    NetSocket old = socket;
    Buffer unsubscribe = Buffer.buffer();
    subscriptions.keySet().stream().filter(sid -> sid != INBOX_SID)
        .forEach(sid -> unsubscribe.appendString("UNSUB " + sid + "\r\n"));
    old.write(unsubscribe);
    vertx.setTimer(settings.drain().toMillis(), t -> old.close());
    socket = null;
    reader = null;
    lameDuck = server;
    cancelWriteDeadline();
    cancelPings(false);
    status = Status.SWITCHING;
    reconnect();
  }

  private void reconnect() {
    if (status == Status.CLOSED) {
      return;
    }
    URI next = nextServer();
    connectTo(next).onSuccess(v -> {
      failures = 0;
      lameDuck = null;
      log.atInfo().addKeyValue("server", address(next)).log("NATS connection restored");
      Buffer waiting = held;
      held = null;
      if (waiting != null) {
        write(waiting);
      }
    }).onFailure(e -> {
      if (status == Status.CLOSED) {
        return;
      }
      // Requests fail at once again until a server lets the link in (after a lame duck too).
      status = Status.RECONNECTING;
      failures++;
      long delay = limits.reconnectDelayMs(failures);
      String reason = Redacted.urls(String.valueOf(e.getMessage()));
      long heldBack = refusedLog.admit(reason);
      if (heldBack >= 0) {
        log.atWarn().addKeyValue("server", address(next)).addKeyValue("reason", reason)
            .addKeyValue("failures", failures).addKeyValue("nextInMs", delay)
            .addKeyValue("failedAttemptsSinceLastLine", heldBack).log("NATS connection attempt failed");
      }
      vertx.setTimer(delay, t -> reconnect());
    });
  }

  /**
   * The next server in this link's order, skipping the one just left or just tried when there is
   * another (as jnats puts it last): a server discovered after the link connected may have been
   * placed next to it, and a hung one costs a whole handshake time-out.
   */
  private URI nextServer() {
    URI next = servers.get(nextServer++ % servers.size());
    if (servers.size() > 1 && next.getHost().equals(server.getHost()) && port(next) == port(server)) {
      next = servers.get(nextServer++ % servers.size());
    }
    return next;
  }

  private void keepAlive() {
    if (pingsOut >= limits.maxPingsOut()) {
      log.atWarn().addKeyValue("server", address(server)).addKeyValue("pingsUnanswered", pingsOut)
          .log("NATS server stopped answering pings; reconnecting");
      abandon(socket);
      return;
    }
    pingsOut++;
    pongs.add(keepAlive);
    write(PING);
  }

  /** Stops pinging; fails the flushes waiting for a PONG, or keeps them for the next server's handshake. */
  private void cancelPings(boolean failFlushes) {
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
      pingTimer = -1;
    }
    pongs.removeIf(waiting -> waiting == keepAlive);
    if (failFlushes) {
      Promise<Void> waiting;
      while ((waiting = pongs.poll()) != null) {
        waiting.tryFail(new IllegalStateException("NATS connection lost"));
      }
    }
  }

  /**
   * Gives a server up at once: closes the channel under Vert.x, discarding what waits to be written
   * (a close through Vert.x or the pipeline first waits for the write queue to be written, which a
   * server that stopped reading never lets happen). On the channel's event loop, the link's.
   */
  private static void abandon(NetSocket given) {
    if (given != null) {
      Channel channel = ((NetSocketInternal) given).channelHandlerContext().channel();
      channel.unsafe().close(channel.voidPromise());
    }
  }

  // --- writing -----------------------------------------------------------------------------------

  /**
   * Queues a frame; the frames of one turn of the event loop leave in one write, after the loop
   * has handled what it read (many requests and replies per system call under load).
   */
  private void write(Buffer frame) {
    if (socket == null) {
      return;
    }
    if (unsent == null) {
      unsent = Buffer.buffer(Math.max(frame.length(), 4096));
      context.nettyEventLoop().execute(this::writeUnsent);
    }
    unsent.appendBuffer(frame);
  }

  private void writeUnsent() {
    Buffer frames = unsent;
    unsent = null;
    if (socket != null && frames != null) {
      socket.write(frames);
      if (writeDeadlineTimer < 0 && socket.writeQueueFull()) {
        NetSocket stalled = socket;
        writeDeadlineTimer = vertx.setTimer(limits.writeDeadline().toMillis(), t -> {
          writeDeadlineTimer = -1;
          if (stalled == socket && stalled.writeQueueFull()) {
            log.atWarn().addKeyValue("server", address(server)).addKeyValue("deadlineMs", limits.writeDeadline().toMillis())
                .log("NATS server stopped reading what is written to it; reconnecting");
            abandon(stalled);
          }
        });
      }
    }
  }

  private void cancelWriteDeadline() {
    if (writeDeadlineTimer >= 0) {
      vertx.cancelTimer(writeDeadlineTimer);
      writeDeadlineTimer = -1;
    }
  }

  /** Whether the link holds as much unwritten as it may: requests are refused meanwhile. */
  private boolean backedUp() {
    return (unsent != null && unsent.length() >= limits.pendingBytes()) || (socket != null && socket.writeQueueFull());
  }

  /** Runs {@code task} on the link's event loop: at once when already there. */
  void run(Runnable task) {
    if (context.inThread()) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  /** Connected, or moving from a lame duck to another server. */
  boolean connected() {
    return status == Status.CONNECTED || status == Status.SWITCHING;
  }

  /**
   * Publishes a message. While the link reconnects it is held (up to the pending limit) and sent
   * once connected; past the limit, or once the link is closed, it is dropped and counted. On the
   * link's loop.
   *
   * @return whether it was sent or held: false when it was dropped
   * @throws ShopException 413 when it is larger than the server accepts
   */
  boolean publish(String subject, String replyTo, NatsHeaders headers, Buffer payload) {
    Buffer headerBlock = headers == null || headers.isEmpty() ? null : headers.encode();
    int headerLength = headerBlock == null ? 0 : headerBlock.length();
    int total = headerLength + payload.length();
    if (total > maxPayload) {
      throw new ShopException(413, "The message to " + subject + " is too large for the bus (" + total
          + " bytes with its headers; the NATS server takes " + maxPayload + " at most)");
    }
    Buffer frame = Buffer.buffer(total + subject.length() + (replyTo == null ? 0 : replyTo.length()) + 32);
    frame.appendString(headerBlock == null ? "PUB " : "HPUB ").appendString(subject).appendByte((byte) ' ');
    if (replyTo != null) {
      frame.appendString(replyTo).appendByte((byte) ' ');
    }
    if (headerBlock != null) {
      frame.appendString(Integer.toString(headerLength)).appendByte((byte) ' ');
    }
    frame.appendString(Integer.toString(total)).appendBytes(CRLF);
    if (headerBlock != null) {
      frame.appendBuffer(headerBlock);
    }
    frame.appendBuffer(payload).appendBytes(CRLF);
    if (status == Status.CONNECTED) {
      write(frame);
      return true;
    }
    return hold(subject, frame);
  }

  private boolean hold(String subject, Buffer frame) {
    int heldBytes = held == null ? 0 : held.length();
    if (status == Status.CLOSED || heldBytes + frame.length() > limits.pendingBytes()) {
      NatsMetrics.droppedMessage();
      long heldBack = droppedLog.admit(null);
      if (heldBack >= 0) {
        log.atWarn().addKeyValue("subject", subject).addKeyValue("heldBytes", heldBytes)
            .addKeyValue("droppedSinceLastLine", heldBack).log("NATS message dropped: the link is not connected");
      }
      return false;
    }
    if (held == null) {
      held = Buffer.buffer(Math.max(frame.length(), 4096));
    }
    held.appendBuffer(frame);
    return true;
  }

  /**
   * Sends a request and answers its reply on {@code caller}'s context: fails with 503 at once when
   * disconnected ({@link #takingRequests}), when as much as the link may hold waits to be written, or
   * when nothing subscribes to the subject; with 413 when it is larger than the server takes; with
   * 504 after {@code timeoutMs}. While the link moves to another server it waits (bounded) for it.
   */
  Future<Delivery> request(String subject, NatsHeaders headers, Buffer payload, long timeoutMs, ContextInternal caller) {
    PromiseInternal<Delivery> answer = caller.promise();
    run(() -> {
      if (!takingRequests()) {
        answer.tryFail(disconnected(subject));
        return;
      }
      if (backedUp()) {
        answer.tryFail(backedUp(subject));
        return;
      }
      String token = Long.toString(nextToken++, 36);
      long timer = context.setTimer(timeoutMs, t -> {
        if (awaiting.remove(token) != null) {
          answer.tryFail(Wire.timedOut(subject));
        }
      });
      awaiting.put(token, new Awaiting(reply -> {
        awaiting.remove(token);
        vertx.cancelTimer(timer);
        if (reply.headers() != null && reply.headers().status() == 503 && reply.data().length() == 0) {
          answer.tryFail(Wire.noResponders(subject));
        } else {
          answer.tryComplete(reply);
        }
      }, () -> {
        // Sent, so perhaps done: the caller learns what a time-out tells, at once.
        awaiting.remove(token);
        vertx.cancelTimer(timer);
        answer.tryFail(Wire.timedOut(subject));
      }));
      ShopException refused = null;
      try {
        if (!publish(subject, inbox + "." + token, headers, payload)) {
          refused = disconnected(subject);
        }
      } catch (ShopException tooLarge) {
        refused = tooLarge;
      }
      if (refused != null) {
        awaiting.remove(token);
        vertx.cancelTimer(timer);
        answer.tryFail(refused);
      }
    });
    return answer.future();
  }

  /**
   * Whether a request is taken: when connected, and while the link moves to another server (off a
   * lame duck, or during the first attempt after a lost connection, which on a cluster takes
   * milliseconds), when it is held to be sent once connected, as jnats holds it. Once an attempt
   * has failed the servers may be down for long: requests fail at once (503) rather than each
   * waiting out its time-out.
   */
  private boolean takingRequests() {
    return status == Status.CONNECTED || status == Status.SWITCHING || (status == Status.RECONNECTING && failures == 0);
  }

  /** Publishes to {@code subject} and hands every answer of the next {@code windowMs} to {@code each}. */
  void gather(String subject, long windowMs, Handler<Delivery> each, Runnable windowClosed) {
    run(() -> {
      String token = Long.toString(nextToken++, 36);
      awaiting.put(token, new Awaiting(each, () -> { }));
      context.setTimer(Math.max(1, windowMs), t -> {
        awaiting.remove(token);
        windowClosed.run();
      });
      if (status == Status.CONNECTED) {
        publish(subject, inbox + "." + token, null, Buffer.buffer());
      }
    });
  }

  private void answered(Delivery reply) {
    Awaiting waiting = awaiting.get(reply.subject().substring(inbox.length() + 1));
    if (waiting != null) {
      waiting.answered().handle(reply);
    }
  }

  /** Subscribes (in a queue group when {@code queue} is not null); on the link's loop. */
  int subscribe(String subject, String queue, Handler<Delivery> handler) {
    int sid = nextSid++;
    Subscription subscription = new Subscription(subject, queue, handler);
    subscriptions.put(sid, subscription);
    if (status == Status.CONNECTED || signedIn) {
      write(subscribeLine(sid, subscription));
    }
    return sid;
  }

  /** Unsubscribes; on the link's loop. */
  void unsubscribe(int sid) {
    if (subscriptions.remove(sid) != null && (status == Status.CONNECTED || signedIn)) {
      write(Buffer.buffer("UNSUB " + sid + "\r\n"));
    }
  }

  private static Buffer subscribeLine(int sid, Subscription subscription) {
    return Buffer.buffer("SUB " + subscription.subject() + (subscription.queue() == null ? "" : " " + subscription.queue())
        + " " + sid + "\r\n");
  }

  /** Completes once the server has read everything written before (its PONG to a PING). */
  Future<Void> flush() {
    Promise<Void> flushed = context.promise();
    run(() -> {
      if (status != Status.CONNECTED && status != Status.SWITCHING) {
        flushed.tryFail(new IllegalStateException("not connected to NATS"));
        return;
      }
      pongs.add(flushed);
      if (status == Status.CONNECTED) {
        write(PING);
      }
    });
    return flushed.future();
  }

  Future<Void> close() {
    Promise<Void> closed = context.promise();
    run(() -> {
      status = Status.CLOSED;
      cancelPings(true);
      cancelWriteDeadline();
      List.copyOf(awaiting.values()).forEach(waiting -> waiting.lost().run());
      awaiting.clear();
      held = null;
      if (leaving != null) {
        leaving.socket().close();
        leaving = null;
      }
      NetSocket open = socket;
      socket = null;
      if (open == null) {
        closed.complete();
      } else {
        open.close().onComplete(closed);
      }
    });
    return closed.future();
  }

  /** A request that cannot leave while the link reconnects. */
  static ShopException disconnected(String subject) {
    return new ShopException(503, "Service unavailable: the bus is reconnecting (" + subject + ")");
  }

  /** A request refused because the server reads the link too slowly. */
  static ShopException backedUp(String subject) {
    return new ShopException(503, "Service unavailable: the bus is backed up, the NATS server reads too slowly ("
        + subject + ")");
  }
}
