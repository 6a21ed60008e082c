package dev.shop.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Closed-model load for the multi-JVM test: {@code clients} threads, each sending its next request
 * when the previous one answered; every answer's status is kept with the time it arrived (-1 for
 * a request that failed without an answer).
 */
final class Load implements AutoCloseable {

  /** One answer: when it arrived ({@link System#nanoTime()}) and its status. */
  record Sample(long at, int status) {
  }

  private final ExecutorService clients;
  private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;

  private Load(int clients) {
    this.clients = Executors.newFixedThreadPool(clients);
  }

  static Load start(int clients, IntSupplier request) {
    Load load = new Load(clients);
    for (int i = 0; i < clients; i++) {
      load.clients.execute(() -> {
        while (load.running) {
          int status;
          try {
            status = request.getAsInt();
          } catch (RuntimeException failed) {
            status = -1;
          }
          load.samples.add(new Sample(System.nanoTime(), status));
        }
      });
    }
    return load;
  }

  /** Stops sending and waits for the requests in flight. */
  LoadFigures stop() throws InterruptedException {
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
  record LoadFigures(List<Sample> samples) {

    int requests() {
      return samples.size();
    }

    long failures() {
      return samples.stream().filter(sample -> sample.status() != 200 && sample.status() != 201).count();
    }

    /** The figures relative to an event at {@code at}: failures after it and when service came back. */
    Relative after(long at, int ok) {
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
  record Relative(int requests, long failures, double lastFailureMs, double firstSuccessMs,
      long requestsAfterRecovery) {
  }
}
