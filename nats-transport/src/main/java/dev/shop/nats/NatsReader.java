package dev.shop.nats;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what one socket of a {@link NatsLink} receives. Splits it into control lines and message
 * payloads, in place: a payload is handed on as a slice of the bytes read, and only the part of a
 * frame a read ended in is copied (kept for the next read). Vert.x's RecordParser copied every
 * line and payload, most of what a request over NATS allocated.
 *
 * <p>The socket of a server in lame duck mode is still read while the link has moved on
 * ({@link #drain}): its messages (replies to requests sent on it) are handed on and its pings
 * answered; its other lines no longer concern the link. On the link's event loop only.
 */
final class NatsReader {

  private static final Logger log = LoggerFactory.getLogger(NatsReader.class);

  private final NatsLink link;
  private final NetSocket socket;
  private boolean draining;
  private boolean stopped;
  /** The bytes of a frame a read ended in the middle of (a copy), or null. */
  private Buffer unread;
  /** The control line of a message whose payload is the next record. */
  private String pendingSubject;
  private String pendingReplyTo;
  private int pendingSid;
  private int pendingHeaderLength;
  private boolean expectingPayload;
  /** The header and payload bytes of the message whose control line was read last. */
  private int pendingTotal;

  NatsReader(NatsLink link, NetSocket socket) {
    this.link = link;
    this.socket = socket;
  }

  NetSocket socket() {
    return socket;
  }

  /** From now on only its messages and pings matter: the link writes to another server. */
  void drain() {
    draining = true;
  }

  /** Hands nothing more on (the link gave the socket up). */
  void stop() {
    stopped = true;
  }

  void read(Buffer chunk) {
    Buffer data = unread == null ? chunk : unread.appendBuffer(chunk);
    unread = null;
    int at = 0;
    int end = data.length();
    try {
      while (at < end && !stopped) {
        if (expectingPayload) {
          int frameEnd = at + pendingTotal + 2;
          if (frameEnd > end) {
            break;
          }
          expectingPayload = false;
          link.deliver(pendingSid, pendingSubject, pendingReplyTo, data.slice(at, frameEnd), pendingHeaderLength);
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
      // What the server itself wrote (messages are checked in NatsLink.deliver): the stream is lost.
      log.atWarn().setCause(e).log("NATS protocol line not understood; reconnecting");
      stopped = true;
      socket.close();
      return;
    }
    if (at < end && !stopped) {
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
          if (draining) {
            socket.write(NatsLink.PONG);
          } else {
            link.pinged();
          }
        } else if (!draining) {
          link.pong();
        }
      }
      case 'I', 'i' -> {
        if (!draining) {
          link.info(new JsonObject(line.substring(line.indexOf('{'))));
        }
      }
      case '-' -> link.error(line.substring(4).trim(), draining);
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
}
