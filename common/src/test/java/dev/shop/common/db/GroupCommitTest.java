package dev.shop.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.netty.channel.EventLoop;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  /** The groups written together, and the writes made alone, in the order they were made. */
  private final List<List<Integer>> groups = new CopyOnWriteArrayList<>();
  private final List<Integer> alone = new CopyOnWriteArrayList<>();
  /**
   * Writes answer only once this completes: a test that needs writes to arrive while the first
   * one runs holds it open until they have, instead of betting on a timer's few milliseconds.
   */
  private Future<Void> answersHeldUntil = Future.succeededFuture();

  @AfterEach
  void tearDown() {
    Await.result(vertx.close());
  }

  private GroupCommit<Integer, String> grouping(int max, int refused) {
    return grouping(max, refused, failure -> true);
  }

  /** A group holding {@code refused} fails; {@code wroteNothing} says whether that failure left nothing. */
  private GroupCommit<Integer, String> grouping(int max, int refused, Predicate<Throwable> wroteNothing) {
    return new GroupCommit<>(max, items -> {
      groups.add(items);
      // A group holding the refused write fails as a whole, as a rolled-back transaction does.
      return items.contains(refused) ? Future.failedFuture(new IllegalStateException("group refused"))
          : later(items.stream().map(item -> "together " + item).toList());
    }, item -> {
      alone.add(item);
      return item == refused ? Future.failedFuture(new IllegalStateException("refused " + item)) : later("alone " + item);
    }, wroteNothing);
  }

  /** Completes on a later turn of the loop, as a database's answer does. */
  private <T> Future<T> later(T value) {
    return answersHeldUntil.compose(open -> {
      Promise<T> answered = Promise.promise();
      vertx.setTimer(5, id -> answered.complete(value));
      return answered.future();
    });
  }

  @Test
  void aWriteWhileIdleGoesAloneAndThoseArrivingMeanwhileGoTogetherUpToTheMost() {
    GroupCommit<Integer, String> grouping = grouping(4, -1);
    List<Future<String>> writes = onContext(() -> submit(grouping, 1, 2, 3, 4, 5, 6));

    assertThat(Await.result(Future.all(writes)).<String>list()).containsExactly("alone 1", "together 2", "together 3",
        "together 4", "together 5", "alone 6");
    assertThat(groups).containsExactly(List.of(2, 3, 4, 5));
    assertThat(alone).containsExactly(1, 6);
  }

  @Test
  void aFailedGroupIsWrittenAgainOneByOneAndOnlyTheWriteThatCannotBeMadeFails() {
    GroupCommit<Integer, String> grouping = grouping(10, 3);
    List<Future<String>> writes = onContext(() -> submit(grouping, 1, 2, 3, 4));

    Await.result(Future.join(writes).otherwiseEmpty());
    assertThat(writes.get(0).result()).isEqualTo("alone 1");
    assertThat(writes.get(1).result()).isEqualTo("alone 2");
    assertThat(writes.get(2).cause()).hasMessage("refused 3");
    assertThat(writes.get(3).result()).isEqualTo("alone 4");
    assertThat(groups).containsExactly(List.of(2, 3, 4));
    assertThat(alone).containsExactly(1, 2, 3, 4);
  }

  /**
   * A group whose failure leaves its outcome unknown (its COMMIT's answer lost) may have written
   * everything: writing each again alone could write twice, so every write fails with the group.
   */
  @Test
  void aGroupThatMayHaveBeenWrittenIsNotWrittenAgainAndEachOfItsWritesFails() {
    GroupCommit<Integer, String> grouping = grouping(10, 3, failure -> false);
    List<Future<String>> writes = onContext(() -> submit(grouping, 1, 2, 3, 4));

    Await.result(Future.join(writes).otherwiseEmpty());
    assertThat(writes.get(0).result()).isEqualTo("alone 1");
    assertThat(writes.subList(1, 4)).allSatisfy(write -> assertThat(write.cause()).hasMessage("group refused"));
    assertThat(alone).containsExactly(1);
  }

  @Test
  void writesFromAnotherEventLoopJoinTheQueueAndAreAnsweredOnTheirOwn() {
    GroupCommit<Integer, String> grouping = grouping(10, -1);
    Promise<Void> held = Promise.promise();
    answersHeldUntil = held.future();
    List<Future<String>> first = onContext(() -> submit(grouping, 1, 2));
    Context other = otherEventLoop();
    Promise<Context> answeredOn = Promise.promise();
    other.runOnContext(v -> {
      grouping.submit(3).onComplete(done -> answeredOn.complete(Vertx.currentContext()));
      // Queued on the first loop after the hand-over of write 3, so it runs once 3 is waiting.
      context.runOnContext(open -> held.complete());
    });

    assertThat(Await.result(answeredOn.future())).isSameAs(other);
    assertThat(Await.result(Future.all(first)).<String>list()).containsExactly("alone 1", "together 2");
    assertThat(groups.get(0)).as("the other loop's write waited with the first loop's").containsExactly(2, 3);
  }

  /** Each request runs on a duplicate of its loop's context, holding its request id and trace. */
  @Test
  void eachWriteIsAnsweredOnItsCallersOwnContext() {
    GroupCommit<Integer, String> grouping = grouping(10, -1);
    Promise<Void> held = Promise.promise();
    answersHeldUntil = held.future();
    List<Context> requests = List.of(((ContextInternal) context).duplicate(), ((ContextInternal) context).duplicate(),
        ((ContextInternal) context).duplicate());
    List<Promise<Context>> answeredOn = List.of(Promise.promise(), Promise.promise(), Promise.promise());
    for (int i = 0; i < requests.size(); i++) {
      int request = i;
      requests.get(i).runOnContext(v -> grouping.submit(request)
          .onComplete(done -> answeredOn.get(request).complete(Vertx.currentContext())));
    }
    // The duplicates share the context's loop: this runs after the three writes were submitted.
    context.runOnContext(open -> held.complete());
    for (int i = 0; i < requests.size(); i++) {
      assertThat(Await.result(answeredOn.get(i).future())).as("request %d", i).isSameAs(requests.get(i));
    }
    assertThat(groups).as("the two that waited went together").containsExactly(List.of(1, 2));
  }

  /** A context on an event loop other than the test context's. */
  private Context otherEventLoop() {
    EventLoop testLoop = ((ContextInternal) context).nettyEventLoop();
    EventLoop otherLoop = StreamSupport.stream(((VertxInternal) vertx).nettyEventLoopGroup().spliterator(), false)
        .map(EventLoop.class::cast).filter(loop -> loop != testLoop).findFirst().orElseThrow();
    return ((VertxInternal) vertx).contextBuilder().withEventLoop(otherLoop).build();
  }

  private static List<Future<String>> submit(GroupCommit<Integer, String> grouping, int... items) {
    List<Future<String>> writes = new ArrayList<>();
    for (int item : items) {
      writes.add(grouping.submit(item));
    }
    return writes;
  }

  private <T> T onContext(Supplier<T> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> done.complete(work.get()));
    return Await.result(done.future());
  }

}
