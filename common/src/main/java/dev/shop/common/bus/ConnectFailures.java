package dev.shop.common.bus;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.impl.ErrorListenerLoggerImpl;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * jnats's own error listener that also keeps what it was told while connecting: jnats's connect
 * fails with "Unable to connect to NATS servers" alone, and reports why (a TLS handshake refused,
 * "SSL required by server") to its listener only, once per address tried. The JVM's start-up
 * failure names those causes.
 */
final class ConnectFailures extends ErrorListenerLoggerImpl {

  private final Set<String> causes = new LinkedHashSet<>();

  @Override
  public void exceptionOccurred(Connection connection, Exception exception) {
    Throwable root = exception;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    synchronized (causes) {
      causes.add(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }
    super.exceptionOccurred(connection, exception);
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
