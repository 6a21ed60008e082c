package dev.shop.product.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shop.common.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OneReadPerTurnTest {

  private Vertx vertx;
  private final AtomicInteger reads = new AtomicInteger();
  private final List<Promise<Integer>> pending = new ArrayList<>();
  private OneReadPerTurn<Integer> shared;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    shared = new OneReadPerTurn<>(() -> {
      reads.incrementAndGet();
      Promise<Integer> read = Promise.promise();
      pending.add(read);
      return read.future();
    });
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  /** Runs {@code calls} on the event loop, in one task, and answers their futures. */
  private List<Future<Integer>> inOneTurn(int calls) {
    return Await.result(Future.<List<Future<Integer>>>future(done -> vertx.runOnContext(v -> {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        answers.add(shared.get());
      }
      done.complete(answers);
    })));
  }

  private void completeRead(int index, Integer value, Throwable failure) {
    Await.result(Future.<Void>future(done -> vertx.runOnContext(v -> {
      if (failure == null) {
        pending.get(index).complete(value);
      } else {
        pending.get(index).fail(failure);
      }
      done.complete();
    })));
  }

  @Test
  void theCallersOfOneTurnShareOneReadAndLaterCallersGetAnother() {
    List<Future<Integer>> first = inOneTurn(3);
    Await.result(Future.<Void>future(done -> vertx.runOnContext(v -> done.complete())));
    assertThat(reads).hasValue(1);
    // The read was sent: a caller now is not answered by it, though it has not come back yet.
    List<Future<Integer>> second = inOneTurn(2);
    completeRead(0, 7, null);
    assertThat(first).allSatisfy(answer -> assertThat(Await.result(answer)).isEqualTo(7));
    Await.result(Future.<Void>future(done -> vertx.runOnContext(v -> done.complete())));
    assertThat(reads).hasValue(2);
    assertThat(second).allSatisfy(answer -> assertThat(answer.isComplete()).isFalse());
    completeRead(1, 8, null);
    assertThat(second).allSatisfy(answer -> assertThat(Await.result(answer)).isEqualTo(8));
  }

  @Test
  void aFailedReadFailsItsCallersAndTheNextTurnReadsAgain() {
    List<Future<Integer>> failed = inOneTurn(2);
    Await.result(Future.<Void>future(done -> vertx.runOnContext(v -> done.complete())));
    completeRead(0, null, new IllegalStateException("database down"));
    assertThat(failed).allSatisfy(answer -> assertThat(Await.failure(answer)).hasMessage("database down"));

    List<Future<Integer>> again = inOneTurn(1);
    Await.result(Future.<Void>future(done -> vertx.runOnContext(v -> done.complete())));
    completeRead(1, 9, null);
    assertThat(Await.result(again.get(0))).isEqualTo(9);
    assertThat(reads).hasValue(2);
  }

  @Test
  void offAnEventLoopItRefuses() {
    assertThatThrownBy(shared::get).isInstanceOf(IllegalStateException.class);
  }
}
