package dev.shop.common.testing;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ClusterInfo;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A real 3-node NATS cluster (nats-server processes on loopback, routes between them, JetStream on
 * each with a store of its own), for tests of what clusters do: a node killed, stopped, hung,
 * sent into lame duck mode, restarted. Nodes are numbered 1 to 3; node {@code n} runs as server
 * {@code n<n>}. {@link #start()} returns once the routes are up and JetStream has a meta leader.
 * Each node's output is appended to {@code target/nats-cluster/<cluster>/n<n>.log}. Every node is
 * killed when the JVM exits, or by {@link #close()}.
 */
public final class NatsCluster implements AutoCloseable {

  public static final int SIZE = 3;
  /** How long a node, or the cluster, may take to start or to agree on a leader (longer on a loaded machine). */
  private static final Duration FORMING = Duration.ofSeconds(30);
  private static final List<NatsCluster> RUNNING = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(NatsCluster::close)));
  }

  private final String name;
  private final Path logs;
  private final List<Node> nodes = new ArrayList<>();
  /** Configuration lines every node runs with, besides the lame duck durations. */
  private String settings;

  private NatsCluster(String name, Path logs, String settings) {
    this.name = name;
    this.logs = logs;
    this.settings = settings;
  }

  /** Starts the three nodes and waits until they form a cluster with a JetStream meta leader. */
  public static NatsCluster start() {
    return start("");
  }

  /**
   * {@link #start()} with {@code settings}, nats-server configuration lines (an authorization
   * block, say) every node runs with.
   */
  public static NatsCluster start(String settings) {
    String name = "shop-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000;
    try {
      NatsCluster cluster = new NatsCluster(name, Files.createDirectories(Path.of("target", "nats-cluster", name)),
          settings);
      RUNNING.add(cluster);
      Path stores = Files.createTempDirectory(TestNats.storeBase(), name);
      Set<Integer> taken = new HashSet<>();
      for (int n = 1; n <= SIZE; n++) {
        cluster.nodes.add(new Node(n, distinctFreePort(taken), distinctFreePort(taken), distinctFreePort(taken),
            Files.createDirectories(stores.resolve("n" + n))));
      }
      for (Node node : cluster.nodes) {
        cluster.launch(node);
      }
      try {
        cluster.awaitFormed();
      } catch (RuntimeException failed) {
        cluster.close();
        throw failed;
      }
      return cluster;
    } catch (IOException e) {
      throw new IllegalStateException("could not start a NATS cluster", e);
    }
  }

  /** The client URLs of the three nodes, comma-separated (what {@code NATS_URL} takes). */
  public String url() {
    return nodes.stream().map(node -> clientUrl(node.clientPort)).collect(Collectors.joining(","));
  }

  /** The client URL of node {@code n} alone. */
  public String url(int n) {
    return clientUrl(node(n).clientPort);
  }

  public long pid(int n) {
    return node(n).process.pid();
  }

  /** Where node {@code n}'s output goes. */
  public Path log(int n) {
    return logs.resolve("n" + n + ".log");
  }

  /** SIGKILL: the node vanishes without a word to its clients or peers. */
  public void kill(int n) {
    Node node = node(n);
    node.down = true;
    node.process.destroyForcibly();
    awaitExit(node);
    // SIGKILL ends a stopped (paused) process too.
    node.paused = false;
  }

  /** SIGTERM: the node shuts down cleanly (it closes its clients' connections). */
  public void stop(int n) {
    Node node = node(n);
    node.down = true;
    node.process.destroy();
    awaitExit(node);
  }

  /** SIGSTOP: the node hangs, its connections open, until {@link #resume}. */
  public void pause(int n) {
    signal(node(n), "-STOP");
    node(n).paused = true;
    awaitStopped(node(n).process.pid());
  }

  /**
   * Returns once the process is stopped: {@code kill} returns when the signal is sent, and a busy
   * machine may still run the server's threads for a moment (a client could get INFO from it).
   */
  private static void awaitStopped(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    try {
      while (System.nanoTime() < deadline) {
        String line = Files.readString(stat);
        // The state is the field after the command's closing parenthesis: T when stopped.
        if (line.substring(line.lastIndexOf(')') + 2).startsWith("T")) {
          return;
        }
        Thread.sleep(10);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the state of process " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("process " + pid + " did not stop within 5 s of SIGSTOP");
  }

  /** SIGCONT of a paused node. */
  public void resume(int n) {
    signal(node(n), "-CONT");
    node(n).paused = false;
  }

  /**
   * Lame duck mode ({@code nats-server --signal ldm=<pid>}): the node stops accepting clients,
   * tells its clients so, closes their connections over its lame duck duration (30 s here, the
   * least nats-server takes, after a grace period of 2 s) and exits.
   */
  public void lameDuck(int n) {
    node(n).down = true;
    run(List.of(TestNats.findExecutable(), "--signal", "ldm=" + pid(n)));
  }

  /**
   * Starts node {@code n} again on its ports and store (stopping it first with SIGTERM if it still
   * runs), and waits until the cluster is formed again with it.
   */
  public void restart(int n) {
    Node node = node(n);
    if (node.paused) {
      resume(n);
    }
    if (node.process.isAlive()) {
      stop(n);
    }
    awaitUntil("the ports of n" + n + " to be free", () -> TestNats.portFree(node.clientPort)
        && TestNats.portFree(node.clusterPort) && TestNats.portFree(node.monitorPort));
    launch(node);
    awaitFormed();
  }

  /**
   * Waits until every node that should run (not killed, stopped, sent into lame duck mode, nor
   * paused) has routes to all the others that should run and they agree on a JetStream meta leader
   * among them. Fails at once if one of them has exited.
   */
  public void awaitFormed() {
    awaitUntil("the cluster to form with a JetStream meta leader", () -> {
      List<Node> live = nodes.stream().filter(node -> !node.down && !node.paused).toList();
      live.stream().filter(node -> !node.process.isAlive()).findFirst().ifPresent(exited -> {
        throw new IllegalStateException(exited.serverName() + " exited with " + exited.process.exitValue() + "; see "
            + log(exited.number).toAbsolutePath());
      });
      List<String> names = live.stream().map(Node::serverName).toList();
      String leader = null;
      for (Node node : live) {
        JsonObject routes = monitor(node, "/routez");
        JsonObject meta = monitor(node, "/jsz");
        if (routes == null || meta == null || routes.getInteger("num_routes", 0) < live.size() - 1) {
          return false;
        }
        String seen = meta.getJsonObject("meta_cluster", new JsonObject()).getString("leader");
        if (seen == null || !names.contains(seen) || (leader != null && !leader.equals(seen))) {
          return false;
        }
        leader = seen;
      }
      return true;
    });
  }

  /** The node that leads {@code stream} (waits, up to 30 s, while it has none: an election). */
  public int streamLeader(String stream) {
    Options options = new Options.Builder().servers(url().split(",")).connectionTimeout(Duration.ofSeconds(2))
        .noReconnect().build();
    long deadline = System.nanoTime() + FORMING.toNanos();
    try (Connection connection = Nats.connect(options)) {
      while (true) {
        try {
          ClusterInfo cluster = connection.jetStreamManagement().getStreamInfo(stream).getClusterInfo();
          String leader = cluster == null ? null : cluster.getLeader();
          if (leader != null) {
            return nodes.stream().filter(node -> node.serverName().equals(leader)).findFirst()
                .orElseThrow(() -> new IllegalStateException(stream + " is led by " + leader + ", not a node of " + name))
                .number;
          }
        } catch (IOException | JetStreamApiException electing) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("no leader of stream " + stream + " within " + FORMING, electing);
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no leader of stream " + stream + " within " + FORMING);
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not connect to " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How many client connections node {@code n} holds now (its {@code /connz}); 0 while it does not answer. */
  public int clients(int n) {
    JsonObject connz = monitor(node(n), "/connz");
    return connz == null ? 0 : connz.getInteger("num_connections", 0);
  }

  /** Kills every node (at exit, SIGKILL: nothing in a test's stores is kept). */
  @Override
  public void close() {
    nodes.forEach(node -> {
      if (node.process != null) {
        node.process.destroyForcibly();
      }
    });
    nodes.forEach(this::awaitExit);
    RUNNING.remove(this);
  }

  private void launch(Node node) {
    List<String> command = List.of(TestNats.findExecutable(), "--config", config(node).toString());
    try {
      node.process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node.number).toFile())).start();
      node.paused = false;
      node.down = false;
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + node.serverName(), e);
    }
  }

  /**
   * Replaces the nodes' configuration lines with {@code settings} and has every running node reload
   * its configuration ({@code nats-server --signal reload=<pid>}), as an operator rotating a
   * password does. A node drops the clients the new configuration no longer lets in.
   */
  public void reconfigure(String settings) {
    this.settings = settings;
    nodes.stream().filter(node -> !node.down && !node.paused && node.process.isAlive()).forEach(node -> {
      config(node);
      run(List.of(TestNats.findExecutable(), "--signal", "reload=" + node.process.pid()));
    });
  }

  /**
   * The configuration file of a node, all of it in the file: a reload reads the file again and
   * refuses to go on when a setting given on the command line (name, cluster) seems to change.
   * Lame duck durations short enough for a test (nats-server takes them from a file only), and the
   * test's settings.
   */
  private Path config(Node node) {
    Path config = logs.resolve(node.serverName() + ".conf");
    String routes = nodes.stream().filter(other -> other != node)
        .map(other -> "\"nats://127.0.0.1:" + other.clusterPort + "\"").collect(Collectors.joining(", "));
    try {
      Files.writeString(config, String.join("\n",
          "server_name: " + node.serverName(),
          "listen: \"127.0.0.1:" + node.clientPort + "\"",
          "http: \"127.0.0.1:" + node.monitorPort + "\"",
          "jetstream { store_dir: \"" + node.store + "\" }",
          "cluster { name: \"" + name + "\", listen: \"127.0.0.1:" + node.clusterPort + "\", routes: [" + routes + "] }",
          "lame_duck_duration: \"30s\"",
          "lame_duck_grace_period: \"2s\"",
          settings, ""));
      return config;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A free port none of the nodes was given yet: a port is free until its server binds it, so
   * asking twice in a row may answer the same one twice.
   */
  private static int distinctFreePort(Set<Integer> taken) {
    int port;
    do {
      port = JarProcess.freePort();
    } while (!taken.add(port));
    return port;
  }

  private Node node(int n) {
    if (n < 1 || n > SIZE) {
      throw new IllegalArgumentException("nodes are numbered 1 to " + SIZE + ": " + n);
    }
    return nodes.get(n - 1);
  }

  private void awaitExit(Node node) {
    try {
      if (node.process != null && !node.process.waitFor(FORMING.toSeconds(), TimeUnit.SECONDS)) {
        node.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void signal(Node node, String signal) {
    run(List.of("kill", signal, Long.toString(node.process.pid())));
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A monitoring endpoint's JSON, or null while the node does not answer. */
  private static JsonObject monitor(Node node, String path) {
    try {
      var connection = URI.create("http://127.0.0.1:" + node.monitorPort + path).toURL().openConnection();
      connection.setConnectTimeout(1_000);
      connection.setReadTimeout(1_000);
      try (InputStream body = connection.getInputStream()) {
        return new JsonObject(new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException notYet) {
      return null;
    }
  }

  private void awaitUntil(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + FORMING.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited " + FORMING.toSeconds() + " s for " + what + "; see the logs in "
            + logs.toAbsolutePath());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static String clientUrl(int port) {
    return "nats://127.0.0.1:" + port;
  }

  /** One nats-server of the cluster: its ports and store stay the same across restarts. */
  private static final class Node {

    final int number;
    final int clientPort;
    final int clusterPort;
    final int monitorPort;
    final Path store;
    volatile Process process;
    volatile boolean paused;
    /** Killed, stopped or in lame duck mode by the test: not expected to run until restarted. */
    volatile boolean down;

    Node(int number, int clientPort, int clusterPort, int monitorPort, Path store) {
      this.number = number;
      this.clientPort = clientPort;
      this.clusterPort = clusterPort;
      this.monitorPort = monitorPort;
      this.store = store;
    }

    String serverName() {
      return "n" + number;
    }
  }
}
