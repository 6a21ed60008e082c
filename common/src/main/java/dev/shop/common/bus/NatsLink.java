package dev.shop.common.bus;

import io.nats.client.AuthHandler;
import io.nats.client.NUID;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
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
 * two thread hand-overs each way). After a lost connection it tries the servers in turn and
 * subscribes again; requests meanwhile fail at once.
 *
 * <p>Every field is touched on the link's event loop only; entry points from elsewhere hop there.
 */
final class NatsLink {

  private static final Logger log = LoggerFactory.getLogger(NatsLink.class);

  /** jnats's defaults: a server that stops answering is noticed after two pings two minutes apart. */
  private static final long PING_INTERVAL_MS = 120_000;
  private static final int MAX_PINGS_OUT = 2;
  /** Between two attempts after a loss; short, since every request fails with 503 meanwhile. */
  private static final long RECONNECT_WAIT_MS = 250;
  static final long HANDSHAKE_TIMEOUT_MS = 5_000;
  private static final byte[] CRLF = {'\r', '\n'};
  private static final Buffer PING = Buffer.buffer("PING\r\n");
  private static final Buffer PONG = Buffer.buffer("PONG\r\n");

  enum Status { CONNECTING, CONNECTED, RECONNECTING, CLOSED }

  /** A message as it arrived; {@code headers} is null when it had none. */
  record Delivery(String subject, String replyTo, NatsHeaders headers, Buffer data) {
  }

  /** How to reach and sign in to the servers; shared by the links of a JVM. */
  record Settings(List<URI> servers, String user, String password, AuthHandler auth, String inboxPrefix,
      String connectionName, Tls tls) {
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
  /** Frames written in this turn of the event loop, not yet on the socket. */
  private Buffer unsent;
  /** The bytes of a frame a read ended in the middle of (a copy), or null. */
  private Buffer unread;
  private Status status = Status.CONNECTING;
  private Promise<Void> handshake;
  private URI server;
  private int pingsOut;
  private long pingTimer = -1;
  private long maxPayload = Long.MAX_VALUE;
  /** The control line of a message whose payload is the next record. */
  private String pendingSubject;
  private String pendingReplyTo;
  private int pendingSid;
  private int pendingHeaderLength;
  private boolean expectingPayload;
  /** The header and payload bytes of the message whose control line was read last. */
  private int pendingTotal;

  private NatsLink(VertxInternal vertx, ContextInternal context, NetClient client, Settings settings) {
    this.vertx = vertx;
    this.context = context;
    this.client = client;
    this.settings = settings;
    this.servers = new ArrayList<>(settings.servers());
    this.nextServer = ThreadLocalRandom.current().nextInt(servers.size());
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
    long timer = vertx.setTimer(HANDSHAKE_TIMEOUT_MS,
        t -> done.tryFail(new IllegalStateException("NATS at " + address(target) + " did not complete its handshake in "
            + HANDSHAKE_TIMEOUT_MS + " ms" + (settings.tls().first() ? ""
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
      unsent = null;
      expectingPayload = false;
      unread = null;
      opened.handler(this::read);
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
      pingTimer = vertx.setPeriodic(PING_INTERVAL_MS, t -> keepAlive());
    });
  }

  private static int port(URI uri) {
    return uri.getPort() < 0 ? 4222 : uri.getPort();
  }

  private static String address(URI server) {
    return server.getHost() + ":" + port(server);
  }

  private static IllegalStateException refused(URI server, Throwable cause) {
    return new IllegalStateException("NATS at " + address(server) + " refused: " + cause.getMessage(), cause);
  }

  // --- reading -----------------------------------------------------------------------------------

  /**
   * Splits what was read into control lines and message payloads, in place: a payload is handed on
   * as a slice of the bytes read, and only the part of a frame a read ended in is copied (kept for
   * the next read). Vert.x's RecordParser copied every line and payload, most of what a request
   * over NATS allocated.
   */
  private void read(Buffer chunk) {
    Buffer data = unread == null ? chunk : unread.appendBuffer(chunk);
    unread = null;
    NetSocket reading = socket;
    int at = 0;
    int end = data.length();
    try {
      while (at < end && socket == reading) {
        if (expectingPayload) {
          int frameEnd = at + pendingTotal + 2;
          if (frameEnd > end) {
            break;
          }
          expectingPayload = false;
          deliver(data.slice(at, frameEnd));
          at = frameEnd;
        } else {
          int lineEnd = lineEnd(data, at, end);
          if (lineEnd < 0) {
            break;
          }
          if (lineEnd > at) {
            controlLine(data.getString(at, lineEnd, "UTF-8"));
          }
          at = lineEnd + 2;
        }
      }
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).log("NATS protocol line not understood; reconnecting");
      if (socket != null) {
        socket.close();
      }
      return;
    }
    if (at < end && socket == reading) {
      // Nothing of it handed on yet: kept as it is, so a large message arriving over many reads is
      // gathered once rather than copied again at each read.
      unread = at == 0 ? data : data.getBuffer(at, end);
    }
  }

  /** Where the line from {@code from} ends (its CR), or -1 when its CR LF has not arrived yet. */
  private static int lineEnd(Buffer data, int from, int end) {
    for (int i = from; i + 1 < end; i++) {
      if (data.getByte(i) == '\r' && data.getByte(i + 1) == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void controlLine(String line) {
    switch (line.charAt(0)) {
      case 'M', 'm' -> message(line, false);
      case 'H', 'h' -> message(line, true);
      case 'P', 'p' -> {
        if (line.regionMatches(true, 0, "PING", 0, 4)) {
          write(PONG);
        } else {
          pong();
        }
      }
      case 'I', 'i' -> info(new JsonObject(line.substring(line.indexOf('{'))));
      case '-' -> error(line.substring(4).trim());
      default -> {
        // +OK: only sent in verbose mode, which this client does not ask for.
      }
    }
  }

  /** {@code MSG <subject> <sid> [reply-to] <#bytes>} or {@code HMSG ... <#header bytes> <#total bytes>}. */
  private void message(String line, boolean withHeaders) {
    String[] parts = line.split(" ");
    int fields = parts.length - 1;
    int sizes = withHeaders ? 2 : 1;
    pendingSubject = parts[1];
    pendingSid = Integer.parseInt(parts[2]);
    pendingReplyTo = fields - sizes == 3 ? parts[3] : null;
    int total = Integer.parseInt(parts[parts.length - 1]);
    pendingHeaderLength = withHeaders ? Integer.parseInt(parts[parts.length - 2]) : 0;
    pendingTotal = total;
    expectingPayload = true;
  }

  private void deliver(Buffer record) {
    Subscription subscription = subscriptions.get(pendingSid);
    if (subscription == null) {
      return;
    }
    NatsHeaders headers = pendingHeaderLength > 0 ? NatsHeaders.parse(record, pendingHeaderLength) : null;
    Buffer data = record.slice(pendingHeaderLength, record.length() - 2);
    try {
      subscription.handler().handle(new Delivery(pendingSubject, pendingReplyTo, headers, data));
    } catch (RuntimeException e) {
      log.atError().addKeyValue("subject", pendingSubject).setCause(e).log("NATS message handler failed");
    }
  }

  private void info(JsonObject info) {
    maxPayload = info.getLong("max_payload", Long.MAX_VALUE);
    JsonArray discovered = info.getJsonArray("connect_urls");
    if (discovered != null) {
      for (Object address : discovered) {
        URI found = URI.create((server.getScheme() == null ? "nats" : server.getScheme()) + "://" + address);
        if (servers.stream().noneMatch(known -> known.getHost().equals(found.getHost()) && port(known) == port(found))) {
          servers.add(found);
        }
      }
    }
    if (!handshaking()) {
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
      connect.put("user", decode(fromUri[0])).put("pass", decode(fromUri[1]));
    } else if (fromUri != null) {
      connect.put("auth_token", decode(fromUri[0]));
    }
    Buffer opening = Buffer.buffer("CONNECT ").appendString(connect.encode()).appendBytes(CRLF);
    subscriptions.forEach((sid, subscription) -> opening.appendBuffer(subscribeLine(sid, subscription)));
    write(opening.appendBuffer(PING));
  }

  private static String decode(String part) {
    return java.net.URLDecoder.decode(part, StandardCharsets.UTF_8);
  }

  private void pong() {
    pingsOut = 0;
    if (handshaking()) {
      handshake.tryComplete();
      return;
    }
    Promise<Void> waiting = pongs.poll();
    if (waiting != null && waiting != keepAlive) {
      waiting.tryComplete();
    }
  }

  private void error(String text) {
    if (handshaking() && !text.contains("Permissions Violation")) {
      handshake.tryFail(new IllegalStateException("NATS refused the connection: " + text));
    } else {
      // Permission violations leave the connection open; the server closes it after other errors.
      log.atWarn().addKeyValue("error", text).log("NATS error");
    }
  }

  private boolean handshaking() {
    return handshake != null && !handshake.future().isComplete();
  }

  private void closed(NetSocket which) {
    if (which != socket) {
      return;
    }
    socket = null;
    cancelPings();
    if (handshaking()) {
      handshake.tryFail(new IllegalStateException("NATS closed the connection during the handshake"));
      return;
    }
    if (status == Status.CLOSED) {
      return;
    }
    status = Status.RECONNECTING;
    log.atWarn().addKeyValue("server", server.getHost() + ":" + port(server)).log("NATS connection lost; reconnecting");
    // Their replies cannot come on another connection: they fail now rather than at their time-out.
    List.copyOf(awaiting.values()).forEach(waiting -> waiting.lost().run());
    reconnect();
  }

  private void reconnect() {
    if (status == Status.CLOSED) {
      return;
    }
    URI next = servers.get(nextServer++ % servers.size());
    connectTo(next).onSuccess(v -> log.atInfo().addKeyValue("server", next.getHost() + ":" + port(next))
        .log("NATS connection restored")).onFailure(e -> {
          if (status != Status.CLOSED) {
            status = Status.RECONNECTING;
            vertx.setTimer(RECONNECT_WAIT_MS, t -> reconnect());
          }
        });
  }

  private void keepAlive() {
    if (pingsOut >= MAX_PINGS_OUT) {
      log.atWarn().addKeyValue("server", server.getHost()).log("NATS server stopped answering pings; reconnecting");
      if (socket != null) {
        socket.close();
      }
      return;
    }
    pingsOut++;
    pongs.add(keepAlive);
    write(PING);
  }

  private void cancelPings() {
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
      pingTimer = -1;
    }
    Promise<Void> waiting;
    while ((waiting = pongs.poll()) != null) {
      if (waiting != keepAlive) {
        waiting.tryFail(new IllegalStateException("NATS connection lost"));
      }
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
    }
  }

  /** Runs {@code task} on the link's event loop: at once when already there. */
  void run(Runnable task) {
    if (context.inThread()) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  boolean connected() {
    return status == Status.CONNECTED;
  }

  /**
   * Publishes a message; dropped while disconnected (its requester times out). On the link's loop.
   *
   * @throws IllegalArgumentException when it is larger than the server accepts
   */
  void publish(String subject, String replyTo, NatsHeaders headers, Buffer payload) {
    if (!context.inThread()) {
      run(() -> publish(subject, replyTo, headers, payload));
      return;
    }
    Buffer headerBlock = headers == null || headers.isEmpty() ? null : headers.encode();
    int headerLength = headerBlock == null ? 0 : headerBlock.length();
    int total = headerLength + payload.length();
    if (total > maxPayload) {
      throw new IllegalArgumentException("a message of " + total + " bytes is over the NATS server's maximum of "
          + maxPayload);
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
    write(frame.appendBuffer(payload).appendBytes(CRLF));
  }

  /**
   * Sends a request and answers its reply on {@code caller}'s context: fails with 503 at once when
   * disconnected or when nothing subscribes to the subject, with 504 after {@code timeoutMs}.
   */
  Future<Delivery> request(String subject, NatsHeaders headers, Buffer payload, long timeoutMs, ContextInternal caller) {
    PromiseInternal<Delivery> answer = caller.promise();
    run(() -> {
      if (status != Status.CONNECTED) {
        answer.tryFail(Wire.disconnected(subject));
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
      try {
        publish(subject, inbox + "." + token, headers, payload);
      } catch (IllegalArgumentException tooLarge) {
        awaiting.remove(token);
        vertx.cancelTimer(timer);
        answer.tryFail(tooLarge);
      }
    });
    return answer.future();
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
    if (status == Status.CONNECTED) {
      write(subscribeLine(sid, subscription));
    }
    return sid;
  }

  /** Unsubscribes; on the link's loop. */
  void unsubscribe(int sid) {
    if (subscriptions.remove(sid) != null && status == Status.CONNECTED) {
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
      if (status != Status.CONNECTED) {
        flushed.tryFail(new IllegalStateException("not connected to NATS"));
        return;
      }
      pongs.add(flushed);
      write(PING);
    });
    return flushed.future();
  }

  Future<Void> close() {
    Promise<Void> closed = context.promise();
    run(() -> {
      status = Status.CLOSED;
      cancelPings();
      List.copyOf(awaiting.values()).forEach(waiting -> waiting.lost().run());
      awaiting.clear();
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
}
