package dev.shop.common.db;

import dev.shop.common.vertx.Contexts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Writes that share a transaction, and so its commit, with the others that arrived while the
 * transaction before them ran: a group commit. Under load a service's writes of one kind come
 * many at a time (a checkout after another, an event after another), and each one's own
 * BEGIN, statements and COMMIT cost PostgreSQL more than the rows they write; grouped, one
 * transaction writes up to {@code max} of them with a statement or a few for all.
 *
 * <p>One group runs at a time; a write that arrives while none runs goes at once, alone (no wait
 * is added when the service is idle). A group that fails having certainly written nothing (its
 * transaction rolled back) has each of its writes made again alone, so a write that cannot be made
 * fails by itself and costs the others one more try, never their result. The queue lives on one event loop (its
 * first caller's, normally the verticle's own), so it needs no lock.
 *
 * @param <I> what one write is asked with
 * @param <O> what one write answers
 */
public final class GroupCommit<I, O> {

  private final int max;
  private final Function<List<I>, Future<List<O>>> together;
  private final Function<I, Future<O>> alone;
  private final Predicate<Throwable> wroteNothing;
  private final Queue<Waiting<I, O>> waiting = new ArrayDeque<>();
  /** The event loop's context the queue is used on; null until the first write from one. */
  private Context owner;
  private boolean running;

  private record Waiting<I, O>(I item, Promise<O> done) {
  }

  /**
   * @param max the most writes in one group
   * @param together writes a group in one transaction, answering each write's result in the
   *     group's order; fails as a whole (its transaction rolled back)
   * @param alone writes one in a transaction of its own: a group of one, and each write of a
   *     failed group
   * @param wroteNothing whether a group's failure certainly left nothing written; only then is
   *     each of its writes made again alone. Otherwise (a connection lost during COMMIT: the group
   *     may have committed) every write of the group fails with the group's failure, as a write
   *     alone would have, unless writing again is harmless ({@code failure -> true} for writes
   *     made idempotent by their keys)
   */
  public GroupCommit(int max, Function<List<I>, Future<List<O>>> together, Function<I, Future<O>> alone,
      Predicate<Throwable> wroteNothing) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    this.max = max;
    this.together = together;
    this.alone = alone;
    this.wroteNothing = wroteNothing;
  }

  /**
   * Makes the write, in the next group; completes with its own result, on the caller's context.
   * The queue belongs to the event loop of its first caller: a write from another one is handed
   * over to it.
   */
  public Future<O> submit(I item) {
    Context current = Vertx.currentContext();
    if (owner == null && current != null) {
      owner = Contexts.base(current);
    }
    // Answered on the caller's own context (a request's duplicate, with its request id and trace),
    // not on that of the write whose turn ran the group.
    Promise<O> answered = current != null ? Contexts.promiseOn(current) : Promise.promise();
    if (owner == null || current != null && Contexts.base(current) == owner) {
      enqueue(item, answered);
    } else {
      owner.runOnContext(v -> enqueue(item, answered));
    }
    return answered.future();
  }

  private void enqueue(I item, Promise<O> answered) {
    waiting.add(new Waiting<>(item, answered));
    if (!running) {
      runNext();
    }
  }

  private void runNext() {
    List<Waiting<I, O>> group = new ArrayList<>();
    while (group.size() < max && !waiting.isEmpty()) {
      group.add(waiting.poll());
    }
    running = true;
    Future<Void> finished = group.size() == 1 ? runAlone(group.get(0)) : runTogether(group);
    finished.onComplete(done -> {
      running = false;
      if (!waiting.isEmpty()) {
        runNext();
      }
    });
  }

  private Future<Void> runAlone(Waiting<I, O> write) {
    return call(alone, write.item()).onComplete(write.done()).<Void>mapEmpty().otherwiseEmpty();
  }

  private Future<Void> runTogether(List<Waiting<I, O>> group) {
    List<I> items = group.stream().map(Waiting::item).toList();
    return call(together, items).transform(written -> {
      if (written.failed()) {
        if (!wroteNothing.test(written.cause())) {
          group.forEach(write -> write.done().fail(written.cause()));
          return Future.succeededFuture();
        }
        return Future.join(group.stream().map(this::runAlone).toList()).mapEmpty();
      }
      List<O> results = written.result();
      for (int i = 0; i < group.size(); i++) {
        // A group written with a result missing is a fault of the caller's code, not of a write:
        // it committed, so none is made again.
        if (i < results.size()) {
          group.get(i).done().complete(results.get(i));
        } else {
          group.get(i).done().fail(new IllegalStateException("a group of " + group.size() + " answered "
              + results.size() + " results"));
        }
      }
      return Future.succeededFuture();
    });
  }

  private static <A, R> Future<R> call(Function<A, Future<R>> work, A argument) {
    try {
      return work.apply(argument);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
