package dev.shop.product.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shop.common.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LookupsPerTurnTest {

  private static final int MAX_KEYS = 3;

  private Vertx vertx;
  private final List<String> singleReads = new ArrayList<>();
  private final List<List<String>> batchReads = new ArrayList<>();
  private final List<Promise<Map<String, Integer>>> pendingBatches = new ArrayList<>();
  private LookupsPerTurn<String, Integer> lookups;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Function<Collection<String>, Future<Map<String, Integer>>> readMany = keys -> {
      batchReads.add(List.copyOf(keys));
      Promise<Map<String, Integer>> read = Promise.promise();
      pendingBatches.add(read);
      return read.future();
    };
    lookups = new LookupsPerTurn<>(MAX_KEYS, key -> {
      singleReads.add(key);
      return Future.succeededFuture(key.startsWith("missing") ? Optional.empty() : Optional.of(key.length()));
    }, readMany);
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  /** Asks for {@code keys} on the event loop, in one task, and answers their futures once that turn's reads were sent. */
  private List<Future<Optional<Integer>>> inOneTurn(String... keys) {
    List<Future<Optional<Integer>>> answers = Await.result(Future.<List<Future<Optional<Integer>>>>future(
        done -> vertx.runOnContext(v -> {
          List<Future<Optional<Integer>>> asked = new ArrayList<>();
          for (String key : keys) {
            asked.add(lookups.get(key));
          }
          done.complete(asked);
        })));
    Await.result(Future.<Void>future(done -> vertx.runOnContext(v -> done.complete())));
    return answers;
  }

  private void completeBatch(int index, Map<String, Integer> found) {
    Await.result(Future.<Void>future(done -> vertx.runOnContext(v -> {
      pendingBatches.get(index).complete(found);
      done.complete();
    })));
  }

  @Test
  void theKeysOfOneTurnAreReadTogetherAndEachCallerGetsItsOwnValue() {
    List<Future<Optional<Integer>>> answers = inOneTurn("ab", "missing", "ab", "abc");

    assertThat(batchReads).hasSize(1);
    assertThat(batchReads.get(0)).containsExactlyInAnyOrder("ab", "missing", "abc");
    assertThat(singleReads).isEmpty();
    assertThat(answers).noneMatch(Future::isComplete);
    completeBatch(0, Map.of("ab", 2, "abc", 3));
    assertThat(answers).extracting(Await::result)
        .containsExactly(Optional.of(2), Optional.empty(), Optional.of(2), Optional.of(3));
  }

  @Test
  void aTurnWithOneKeyReadsItAlone() {
    List<Future<Optional<Integer>>> one = inOneTurn("abcd");
    List<Future<Optional<Integer>>> none = inOneTurn("missing-1", "missing-1");

    assertThat(batchReads).isEmpty();
    assertThat(singleReads).containsExactly("abcd", "missing-1");
    assertThat(Await.result(one.get(0))).contains(4);
    assertThat(none).extracting(Await::result).containsExactly(Optional.empty(), Optional.empty());
  }

  @Test
  void moreKeysThanOneReadTakesAreReadInSeveral() {
    List<Future<Optional<Integer>>> answers = inOneTurn("a", "bb", "ccc", "dddd", "eeeee");

    assertThat(batchReads).hasSize(2);
    assertThat(batchReads.get(0)).containsExactlyInAnyOrder("a", "bb", "ccc");
    assertThat(batchReads.get(1)).containsExactlyInAnyOrder("dddd", "eeeee");
    completeBatch(1, Map.of("dddd", 4, "eeeee", 5));
    completeBatch(0, Map.of("a", 1, "bb", 2, "ccc", 3));
    assertThat(answers).extracting(answer -> Await.result(answer).orElseThrow()).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void aFailedReadFailsItsCallersOnlyAndTheNextTurnReadsAgain() {
    List<Future<Optional<Integer>>> failed = inOneTurn("x", "yy");
    List<Future<Optional<Integer>>> later = inOneTurn("x", "zzz");
    Await.result(Future.<Void>future(done -> vertx.runOnContext(v -> {
      pendingBatches.get(0).fail(new IllegalStateException("database down"));
      done.complete();
    })));

    assertThat(failed).allSatisfy(answer -> assertThat(Await.failure(answer)).hasMessage("database down"));
    assertThat(later).noneMatch(Future::isComplete);
    completeBatch(1, Map.of("x", 1, "zzz", 3));
    assertThat(later).extracting(answer -> Await.result(answer).orElseThrow()).containsExactly(1, 3);
  }

  @Test
  void offAnEventLoopItRefuses() {
    assertThatThrownBy(() -> lookups.get("a")).isInstanceOf(IllegalStateException.class);
  }
}
