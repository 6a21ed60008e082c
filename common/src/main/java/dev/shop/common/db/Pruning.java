package dev.shop.common.db;

import dev.shop.common.time.PeriodicJob;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's periodic deletion of rows nobody needs any more, so its tables do not grow with
 * every visitor, email or event ever seen. Each rule is a delete statement and the age past which
 * its rows go; a round runs the rules in order, each in batches of its own short statements (no
 * long locks on a big table, no huge transaction), and logs what it deleted.
 */
public final class Pruning {

  private static final Logger log = LoggerFactory.getLogger(Pruning.class);
  private static final Duration MAX_INTERVAL = Duration.ofMinutes(10);
  /** Rows deleted by one statement. */
  private static final int BATCH = 10_000;

  /**
   * What to delete: {@code sql} takes the age in milliseconds as {@code $1} and the batch size as
   * {@code $2}: {@code DELETE FROM t WHERE id IN (SELECT id FROM t WHERE at < now() - $1 * interval
   * '1 millisecond' LIMIT $2)}. Where rows can be refreshed, the statement repeats its age condition
   * outside the sub-select, so a row refreshed while the delete waited for its lock is re-checked
   * and kept.
   */
  public record Rule(String name, String sql, Duration age) {
  }

  private final Pool pool;
  private final String service;
  private final Duration interval;
  private final List<Rule> rules;

  /**
   * Rounds every {@code keptFor} (the time rows are kept, so none stays much longer than twice
   * that), but at most every 10 minutes and at least every second.
   */
  public Pruning(Pool pool, String service, Duration keptFor, List<Rule> rules) {
    this.pool = pool;
    this.service = service;
    this.interval = Duration.ofMillis(Math.max(1_000, Math.min(keptFor.toMillis(), MAX_INTERVAL.toMillis())));
    this.rules = List.copyOf(rules);
  }

  /** Prunes on the caller's context. */
  public void start(Vertx vertx) {
    PeriodicJob.start(vertx, service + " pruning " + rules.stream().map(Rule::name).toList(), interval.toMillis(),
        this::prune);
  }

  /** One round: every rule's rows past its age, deleted in batches. */
  public Future<Map<String, Integer>> prune() {
    Map<String, Integer> deleted = new LinkedHashMap<>();
    Future<Void> round = Future.succeededFuture();
    for (Rule rule : rules) {
      round = round.compose(v -> deleteInBatches(rule.sql(), rule.age().toMillis())
          .map(rows -> {
            deleted.put(rule.name(), rows);
            return null;
          }));
    }
    return round.map(v -> {
      if (deleted.values().stream().anyMatch(rows -> rows > 0)) {
        var line = log.atInfo().addKeyValue("service", service);
        deleted.forEach(line::addKeyValue);
        line.log("stale rows pruned");
      }
      return deleted;
    });
  }

  /** Runs {@code sql} until a batch comes back short; answers the rows deleted. */
  private Future<Integer> deleteInBatches(String sql, long ageMs) {
    return pool.preparedQuery(sql).execute(Tuple.of(ageMs, BATCH)).compose(rows -> rows.rowCount() < BATCH
        ? Future.succeededFuture(rows.rowCount())
        : deleteInBatches(sql, ageMs).map(more -> more + rows.rowCount()));
  }
}
