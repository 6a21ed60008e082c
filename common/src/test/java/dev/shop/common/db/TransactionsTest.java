package dev.shop.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Transactions#inTransaction}: all of the work or none of it, on a real PostgreSQL. */
class TransactionsTest {

  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    pool = Await.result(Database.migrateAndConnect(vertx, "txtest", TestDatabases.freshDatabase("transactions"), 2));
    Await.result(pool.query("CREATE TABLE notes (n integer PRIMARY KEY)").execute());
  }

  @AfterEach
  void tearDown() {
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  @Test
  void theWorksStatementsAreCommittedTogether() {
    int answer = Await.result(Transactions.inTransaction(pool, connection -> {
      Future<?> first = connection.preparedQuery("INSERT INTO notes VALUES ($1)").execute(Tuple.of(1));
      Future<?> second = connection.preparedQuery("INSERT INTO notes VALUES ($1)").execute(Tuple.of(2));
      return Future.all(first, second).map(42);
    }));
    assertThat(answer).isEqualTo(42);
    assertThat(notes()).containsExactly(1, 2);
  }

  @Test
  void theStatementsSentWithBeginRunInsideTheTransaction() {
    List<Long> transactionIds = Await.result(Transactions.inTransaction(pool, connection -> {
      Future<Long> first = connection.query("SELECT txid_current()").execute().map(Rows::singleLong);
      Future<Long> second = connection.query("SELECT txid_current()").execute().map(Rows::singleLong);
      return Future.all(first, second).map(both -> List.of(first.result(), second.result()));
    }));
    assertThat(transactionIds.get(0)).isEqualTo(transactionIds.get(1));
  }

  @Test
  void aFailingStatementUndoesTheOnesBeforeIt() {
    Future<Void> failed = Transactions.inTransaction(pool, connection -> connection
        .preparedQuery("INSERT INTO notes VALUES ($1)").execute(Tuple.of(1))
        .compose(inserted -> connection.preparedQuery("INSERT INTO notes VALUES ($1)").execute(Tuple.of(1)))
        .mapEmpty());
    assertThatThrownBy(() -> Await.result(failed)).hasMessageContaining("duplicate key");
    assertThat(notes()).isEmpty();
  }

  @Test
  void workThatFailsAfterItsWritesLeavesNothing() {
    Future<Void> failed = Transactions.inTransaction(pool, connection -> connection
        .preparedQuery("INSERT INTO notes VALUES ($1)").execute(Tuple.of(7))
        .compose(inserted -> Future.failedFuture(new IllegalStateException("refused by the work"))));
    assertThatThrownBy(() -> Await.result(failed)).hasMessageContaining("refused by the work");
    Future<Void> thrown = Transactions.inTransaction(pool, connection -> {
      connection.preparedQuery("INSERT INTO notes VALUES ($1)").execute(Tuple.of(8));
      throw new IllegalArgumentException("thrown by the work");
    });
    assertThatThrownBy(() -> Await.result(thrown)).hasMessageContaining("thrown by the work");
    assertThat(notes()).isEmpty();
    // The connections went back to the pool usable.
    for (int i = 0; i < 3; i++) {
      int n = 10 + i;
      Await.result(Transactions.inTransaction(pool,
          connection -> connection.preparedQuery("INSERT INTO notes VALUES ($1)").execute(Tuple.of(n)).mapEmpty()));
    }
    assertThat(notes()).containsExactly(10, 11, 12);
  }

  private List<Integer> notes() {
    List<Integer> notes = new ArrayList<>();
    for (Row row : Await.result(pool.query("SELECT n FROM notes ORDER BY n").execute())) {
      notes.add(row.getInteger(0));
    }
    return notes;
  }
}
