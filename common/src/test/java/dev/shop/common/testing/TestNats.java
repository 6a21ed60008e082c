package dev.shop.common.testing;

import io.nats.NatsServerRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;

/**
 * One real {@code nats-server} (with JetStream) per test JVM, on a free port, started on first use
 * and stopped when the JVM exits. Fails loudly when {@code nats-server} is not installed.
 */
public final class TestNats {

  private static NatsServerRunner server;

  private TestNats() {
  }

  public static synchronized String url() {
    if (server == null) {
      String executable = findExecutable();
      try {
        NatsServerRunner.setDefaultOutputLevel(Level.WARNING);
        server = NatsServerRunner.builder().executablePath(executable).jetstream(true).build();
      } catch (Exception e) {
        throw new IllegalStateException("Could not start nats-server from " + executable, e);
      }
      NatsServerRunner started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (Exception ignored) {
          // the JVM is exiting
        }
      }));
    }
    return server.getURI();
  }

  /** A server of its own (with JetStream), for tests that must not see the shared one's services; close it. */
  public static NatsServerRunner isolated() {
    try {
      return NatsServerRunner.builder().executablePath(findExecutable()).jetstream(true).build();
    } catch (Exception e) {
      throw new IllegalStateException("Could not start nats-server", e);
    }
  }

  private static String findExecutable() {
    String configured = System.getenv("NATS_SERVER_PATH");
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return configured;
    }
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator
        + "/usr/local/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "nats-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException("The tests need nats-server on the PATH (or NATS_SERVER_PATH). Install it with "
        + "'sudo apt-get install nats-server' (Debian/Ubuntu), 'brew install nats-server' (macOS), or download it "
        + "from https://github.com/nats-io/nats-server/releases");
  }
}
