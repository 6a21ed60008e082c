package dev.shop.nats;

import dev.shop.common.text.Redacted;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.support.Status;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What jnats (the JetStream connection) reports, logged through the platform's logging as the
 * links log it (structured, URLs redacted) rather than by jnats's own java.util.logging: the
 * server's {@code -ERR}s, failed connection attempts, lost and restored connections, a lame duck's
 * announcement, missed JetStream heartbeats. While connecting it also keeps the causes it was told
 * about: jnats's connect fails with "Unable to connect to NATS servers" alone, and the JVM's
 * start-up failure names them.
 */
final class JnatsLog implements ErrorListener, ConnectionListener {

  private static final Logger log = LoggerFactory.getLogger(JnatsLog.class);

  /** Enough to say why a connect failed; bounded, since the listener lives as long as the connection. */
  private static final int MAX_CAUSES = 8;

  private final Set<String> causes = new LinkedHashSet<>();
  /** jnats repeats these for every consumer and every attempt: bounded as the links bound theirs. */
  private final LogThrottle problems = new LogThrottle(NatsLink.LOG_EVERY);
  private final LogThrottle heartbeats = new LogThrottle(NatsLink.LOG_EVERY);

  @Override
  public void errorOccurred(Connection connection, String error) {
    log.atWarn().addKeyValue("server", server(connection)).addKeyValue("error", error).log("NATS error (JetStream connection)");
  }

  @Override
  public void exceptionOccurred(Connection connection, Exception exception) {
    Throwable root = exception;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = Redacted.urls(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    synchronized (causes) {
      if (causes.size() < MAX_CAUSES) {
        causes.add(reason);
      }
    }
    long heldBack = admit(problems, reason);
    if (heldBack >= 0) {
      log.atWarn().addKeyValue("server", server(connection)).addKeyValue("reason", reason)
          .addKeyValue("problemsSinceLastLine", heldBack).log("NATS connection problem (JetStream connection)");
    }
  }

  @Override
  public void connectionEvent(Connection connection, Events event) {
    switch (event) {
      case DISCONNECTED -> log.atWarn().log("NATS connection lost (JetStream connection); reconnecting");
      case RECONNECTED -> log.atInfo().addKeyValue("server", server(connection))
          .log("NATS connection restored (JetStream connection)");
      case LAME_DUCK -> log.atInfo().addKeyValue("server", server(connection))
          .log("NATS server entering lame duck mode (JetStream connection moves when it closes)");
      default -> log.atDebug().addKeyValue("event", event).log("NATS connection event (JetStream connection)");
    }
  }

  @Override
  public void heartbeatAlarm(Connection connection, JetStreamSubscription subscription, long lastStreamSequence,
      long lastConsumerSequence) {
    long heldBack = admit(heartbeats, null);
    if (heldBack >= 0) {
      log.atWarn().addKeyValue("lastStreamSequence", lastStreamSequence).addKeyValue("missedSinceLastLine", heldBack)
          .log("JetStream consumer missed its heartbeats; pulling again");
    }
  }

  @Override
  public void pullStatusError(Connection connection, JetStreamSubscription subscription, Status status) {
    log.atWarn().addKeyValue("status", status.getCode()).addKeyValue("message", status.getMessage())
        .log("JetStream pull refused");
  }

  @Override
  public void slowConsumerDetected(Connection connection, Consumer consumer) {
    log.atWarn().log("NATS slow consumer (JetStream connection): messages are being dropped");
  }

  @Override
  public void messageDiscarded(Connection connection, Message message) {
    log.atWarn().addKeyValue("subject", message.getSubject()).log("NATS message discarded (JetStream connection)");
  }

  @Override
  public void socketWriteTimeout(Connection connection) {
    log.atWarn().addKeyValue("server", server(connection)).log("NATS write timed out (JetStream connection)");
  }

  /** {@link LogThrottle#admit}, from jnats's threads. */
  private static long admit(LogThrottle throttle, String about) {
    synchronized (throttle) {
      return throttle.admit(about);
    }
  }

  /** The server's host and port, never its credentials; empty before the first connection. */
  private static String server(Connection connection) {
    String url = connection == null ? null : connection.getConnectedUrl();
    return url == null ? "" : Redacted.urls(url);
  }

  /** {@code failure} with the causes jnats reported, if any, in its message (an authentication error names its own). */
  IOException explained(IOException failure) {
    String reported;
    synchronized (causes) {
      reported = String.join("; ", causes);
    }
    if (reported.isEmpty() || failure instanceof AuthenticationException) {
      return failure;
    }
    return new IOException(failure.getMessage() + ": " + reported, failure);
  }
}
