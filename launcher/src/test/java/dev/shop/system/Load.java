package dev.shop.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Closed-model load for the fault tests: {@code clients} threads, each sending its next request
 * when the previous one answered; every answer's status is kept with the times it was sent and
 * arrived (-1 for a request that failed without an answer).
 */
public final class Load implements AutoCloseable {

  /** One answer: when it was sent and when it arrived ({@link System#nanoTime()}), and its status. */
  public record Sample(long sentAt, long at, int status) {

    public double latencyMs() {
      return (at - sentAt) / 1e6;
    }
  }

  private final ExecutorService clients;
  private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;

  private Load(int clients) {
    this.clients = Executors.newFixedThreadPool(clients);
  }

  public static Load start(int clients, IntSupplier request) {
    Load load = new Load(clients);
    for (int i = 0; i < clients; i++) {
      load.clients.execute(() -> {
        while (load.running) {
          long sent = System.nanoTime();
          int status;
          try {
            status = request.getAsInt();
          } catch (RuntimeException failed) {
            status = -1;
          }
          load.samples.add(new Sample(sent, System.nanoTime(), status));
        }
      });
    }
    return load;
  }

  /** Stops sending and waits for the requests in flight. */
  public LoadFigures stop() throws InterruptedException {
    running = false;
    clients.shutdown();
    clients.awaitTermination(30, TimeUnit.SECONDS);
    return new LoadFigures(new ArrayList<>(samples));
  }

  @Override
  public void close() throws InterruptedException {
    if (running) {
      stop();
    }
  }

  /** What a load saw. */
  public record LoadFigures(List<Sample> samples) {

    public int requests() {
      return samples.size();
    }

    public long failures() {
      return samples.stream().filter(sample -> sample.status() != 200 && sample.status() != 201).count();
    }

    /** How many answers had each status. */
    public Map<Integer, Long> statuses() {
      return samples.stream().collect(Collectors.groupingBy(Sample::status, TreeMap::new, Collectors.counting()));
    }

    /** The slowest answer's time (ms). */
    public double slowestMs() {
      return samples.stream().mapToDouble(Sample::latencyMs).max().orElse(0);
    }

    /** The figures relative to an event at {@code at}: failures after it and when service came back. */
    public Relative after(long at, int ok) {
      List<Sample> later = samples.stream().filter(sample -> sample.at() >= at).toList();
      long lastFailure = later.stream().filter(sample -> sample.status() != ok).mapToLong(Sample::at).max().orElse(-1);
      long firstSuccess = later.stream().filter(sample -> sample.status() == ok).mapToLong(Sample::at).min()
          .orElse(Long.MAX_VALUE);
      long afterRecovery = later.stream().filter(sample -> sample.at() > lastFailure && sample.status() == ok).count();
      return new Relative(samples.size(), failures(), lastFailure < 0 ? -1 : (lastFailure - at) / 1e6,
          (firstSuccess - at) / 1e6, afterRecovery);
    }
  }

  /**
   * Relative to an event: requests and failures of the whole load, the last failure and first
   * success after the event (ms; -1: no failure), and the successes after the last failure.
   */
  public record Relative(int requests, long failures, double lastFailureMs, double firstSuccessMs,
      long requestsAfterRecovery) {
  }
}
