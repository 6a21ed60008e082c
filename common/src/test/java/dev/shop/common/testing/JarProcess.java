package dev.shop.common.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged jar run as a separate JVM, as an operator runs it: its environment, its log in a file,
 * and the ways it ends (SIGTERM and wait, or SIGKILL).
 */
public final class JarProcess implements AutoCloseable {

  private final String name;
  private final Path log;
  private final Process process;

  private JarProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts {@code java <jvmOptions> -jar <jar> <arguments>} with the environment of this JVM minus
   * {@code NATS_URL}, plus {@code environment}; output goes to {@code log}.
   */
  public static JarProcess start(String name, Path jar, List<String> jvmOptions, List<String> arguments,
      Map<String, String> environment, Path log) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package the launcher module first "
          + "(mvn package at the root builds it)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("NATS_URL");
    builder.environment().putAll(environment);
    return new JarProcess(name, log, builder.start());
  }

  /** Waits until {@code url} answers 200; fails with the log's end if the process exits first. */
  public void awaitHttpOk(String url, Duration within) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // starting up
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(name + " did not answer " + url + " within " + within + ":\n" + tail());
  }

  /** Waits for the process to end by itself; its exit code, or fails with the log's end. */
  public int awaitExit(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(name + " did not exit within " + within + ":\n" + tail());
    }
    return process.exitValue();
  }

  /** SIGTERM: the process shuts down as it does when an orchestrator stops it. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL: the process is gone at once, connections dropped, nothing flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String name() {
    return name;
  }

  /** Resident memory in MB ({@code VmRSS} of /proc, so Linux only); -1 where it cannot be read. */
  public long residentMemoryMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** The last 40 lines of the log. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM and up to 30 s to exit, then SIGKILL of the process and its children. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A TCP port nothing listens on now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
