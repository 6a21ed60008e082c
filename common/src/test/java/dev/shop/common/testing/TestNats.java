package dev.shop.common.testing;

import io.nats.NatsServerRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One real {@code nats-server} (with JetStream) per test JVM, on a free port, started on first use
 * and stopped when the JVM exits. Fails loudly when {@code nats-server} is not installed.
 */
public final class TestNats {

  private static final List<Runnable> STOP_FIRST = new CopyOnWriteArrayList<>();

  private static NatsServerRunner server;
  private static Path storeBase;

  private TestNats() {
  }

  /**
   * Runs {@code stop} at exit before the shared server goes: whatever drains its NATS subscriptions
   * (a platform) must do it while the server still answers, else each drain waits out its time-out.
   */
  public static void stopBeforeTheServer(Runnable stop) {
    STOP_FIRST.add(stop);
  }

  public static synchronized String url() {
    if (server == null) {
      String executable = findExecutable();
      try {
        NatsServerRunner.setDefaultOutputLevel(Level.WARNING);
        server = started(withJetStream(executable));
      } catch (Exception e) {
        throw new IllegalStateException("Could not start nats-server from " + executable, e);
      }
      NatsServerRunner started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        STOP_FIRST.forEach(Runnable::run);
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
    return isolated(List.of());
  }

  /**
   * A server of its own on {@code port}, storing JetStream in {@code store}: start another on the
   * same port and store after closing it, and it is the same server restarted (streams kept).
   */
  public static NatsServerRunner at(int port, Path store) {
    try {
      return started(withJetStream(findExecutable(), store).port(port));
    } catch (Exception e) {
      throw new IllegalStateException("Could not start nats-server on port " + port, e);
    }
  }

  /**
   * {@link #at} again after that server was closed: closing does not wait for the process to end,
   * so this first waits (up to 10 s) for the port to be free, then starts the server once.
   */
  public static NatsServerRunner restartAt(int port, Path store) {
    awaitPortFree(port);
    return at(port, store);
  }

  /** Waits (up to 10 s) for {@code port} to be free: a closed server's process may take a moment to end. */
  public static void awaitPortFree(int port) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!portFree(port)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("port " + port + " still taken 10 s after nats-server was closed");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Sends {@code signal} ({@code STOP} hangs the server, {@code CONT} resumes it, {@code USR2} puts
   * it in lame duck mode) to the process of {@code server}, a child of this JVM.
   */
  public static void signal(NatsServerRunner server, String signal) {
    String config = server.getConfigFile();
    long pid = ProcessHandle.current().descendants()
        .filter(process -> process.info().commandLine().map(line -> line.contains(config)).orElse(false))
        .findFirst().orElseThrow(() -> new IllegalStateException("no nats-server process with " + config)).pid();
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether nothing listens on {@code port} (a stopped server's port may stay taken a moment). */
  static boolean portFree(int port) {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(port)) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** {@link #isolated()} with more command-line arguments of nats-server (e.g. {@code --user}, {@code --pass}). */
  public static NatsServerRunner isolated(List<String> arguments) {
    try {
      NatsServerRunner.Builder builder = withJetStream(findExecutable());
      if (!arguments.isEmpty()) {
        List<String> all = new java.util.ArrayList<>(builder.buildOptions().customArgs());
        all.addAll(arguments);
        builder.customArgs(all);
      }
      return started(builder);
    } catch (Exception e) {
      throw new IllegalStateException("Could not start nats-server", e);
    }
  }

  /**
   * A server of its own (with JetStream) run with the configuration file {@code config} on a free
   * port, its {@code $NAME} references resolved from {@code variables} (defined ahead of the file's
   * lines: nats-server looks a reference up there before the environment); every line the server
   * logs goes to {@code serverLog} as well. Returns once it accepts connections. Close it.
   */
  public static NatsServerRunner configured(Path config, Map<String, String> variables, Consumer<String> serverLog) {
    return configured(config, variables, serverLog, -1);
  }

  /** {@link #configured} on {@code port} (-1: a free one); the file must name no port of its own. */
  public static NatsServerRunner configured(Path config, Map<String, String> variables, Consumer<String> serverLog,
      int port) {
    try {
      List<String> lines = new java.util.ArrayList<>();
      variables.forEach((name, value) -> lines.add(name + ": \"" + value + "\""));
      lines.addAll(Files.readAllLines(config));
      Path resolved = Files.createTempFile(storeBase(), "nats", ".conf");
      Files.write(resolved, lines);
      Logger output = Logger.getLogger("nats-server." + resolved.getFileName());
      output.addHandler(new Handler() {
        @Override
        public void publish(LogRecord record) {
          serverLog.accept(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
      });
      NatsServerRunner.Builder builder = withJetStream(findExecutable()).configFilePath(resolved).outputLogger(output)
          .outputLevel(Level.INFO);
      return started(port < 0 ? builder : builder.port(port));
    } catch (Exception e) {
      throw new IllegalStateException("Could not start nats-server with " + config, e);
    }
  }

  /**
   * A server with JetStream storing into a directory of its own: servers that share a store
   * directory see each other's streams and refuse to start side by side.
   */
  private static NatsServerRunner.Builder withJetStream(String executable) throws IOException {
    return withJetStream(executable, Files.createTempDirectory(storeBase(), "js"));
  }

  private static NatsServerRunner.Builder withJetStream(String executable, Path store) {
    return NatsServerRunner.builder().executablePath(executable).jetstream(true)
        .customArgs(new String[] {"--store_dir", store.toString()})
        .processCheckWait(100L).processCheckTries(100)
        // The runner's own connect check reuses a closed channel after its first refusal, so it
        // fails at once on a server still starting: started() waits for the port instead.
        .connectCheckTries(0);
  }

  /**
   * Builds the server and waits until it accepts connections: up to 30 s, since a loaded machine
   * can take seconds to start one (longer when it recovers a JetStream store). Stops it on failure.
   */
  private static NatsServerRunner started(NatsServerRunner.Builder builder) throws Exception {
    NatsServerRunner runner = builder.build();
    if (!runner.getURI().endsWith(":" + runner.getPort())) {
      // The runner reads a configuration file's port line to map it, and misreads one it takes to be
      // inside a block (braces in comments count): its URL would name another server, say the
      // machine's own on 4222.
      runner.close();
      throw new IllegalStateException("nats-server runs on port " + runner.getPort() + " but the runner's URL is "
          + runner.getURI() + ": check the configuration file's braces, comments included");
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try (java.net.Socket probe = new java.net.Socket()) {
        probe.connect(new java.net.InetSocketAddress("127.0.0.1", runner.getPort()), 1_000);
        return runner;
      } catch (IOException notYet) {
        if (System.currentTimeMillis() > deadline) {
          runner.close();
          throw new IllegalStateException("nats-server did not accept connections on port " + runner.getPort()
              + " within 30 s", notYet);
        }
        Thread.sleep(50);
      }
    }
  }

  /** One temporary folder of this JVM for every server's JetStream store, deleted at exit. */
  static synchronized Path storeBase() throws IOException {
    if (storeBase == null) {
      Path base = Files.createTempDirectory("shop-test-nats");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (var files = Files.walk(base)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
          // the JVM is exiting; the folder is temporary
        }
      }));
      storeBase = base;
    }
    return storeBase;
  }

  /** The nats-server to run: {@code NATS_SERVER_PATH}, else the first on the PATH (or in /usr/sbin). */
  public static String findExecutable() {
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
