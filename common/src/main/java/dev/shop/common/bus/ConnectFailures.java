package dev.shop.common.bus;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.impl.ErrorListenerLoggerImpl;
import java.io.IOException;

/**
 * jnats's own error listener that also keeps the last exception it was told of: jnats's connect
 * fails with "Unable to connect to NATS servers" alone, and reports why (a TLS handshake refused,
 * "SSL required by server") to its listener only. The JVM's start-up failure names that cause.
 */
final class ConnectFailures extends ErrorListenerLoggerImpl {

  private volatile Exception last;

  @Override
  public void exceptionOccurred(Connection connection, Exception exception) {
    last = exception;
    super.exceptionOccurred(connection, exception);
  }

  /** {@code failure} with the cause jnats reported, if any, in its message (an authentication error names its own). */
  IOException explained(IOException failure) {
    Exception cause = last;
    if (cause == null || failure instanceof AuthenticationException) {
      return failure;
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    IOException explained = new IOException(failure.getMessage() + ": " + root.getMessage(), cause);
    explained.addSuppressed(failure);
    return explained;
  }
}
