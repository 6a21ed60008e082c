package dev.shop.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs blocking test steps (a {@link ServiceUnderTest#deliver}, a {@link ServiceUnderTest#call})
 * at the same moment, each on a thread of its own released together, for tests that race a
 * service's writes against each other.
 */
public final class Concurrently {

  private static final long TIMEOUT_SECONDS = 60;

  private Concurrently() {
  }

  /** Each task's result, in the order given; the first failure fails the test. */
  public static <T> List<T> run(List<Callable<T>> tasks) {
    ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> running = new ArrayList<>();
      for (Callable<T> task : tasks) {
        running.add(threads.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> result : running) {
        results.add(result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError("a concurrent task did not finish", e);
    } finally {
      threads.shutdownNow();
    }
  }
}
