package dev.shop.ar.snapshot;

import dev.shop.common.db.Rows;
import dev.shop.common.id.Ids;
import dev.shop.common.json.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/** The SQL of snapshots. */
public final class SnapshotRepository {

  private final Pool pool;

  public SnapshotRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Writes a new snapshot of {@code userId}, with a new time-ordered id, and answers it as stored.
   * One statement, so one transaction, also counts it in its shard of {@code ar_snapshot_count}.
   */
  public Future<Snapshot> insert(UUID userId, UUID productId, String imageUrl, JsonObject metadata) {
    return pool.preparedQuery("WITH s AS (INSERT INTO snapshots (id, user_id, product_id, image_url, metadata) "
            + "VALUES ($1, $2, $3, $4, $5) RETURNING " + Snapshot.COLUMNS + "), "
            + "counted AS (UPDATE ar_snapshot_count SET snapshots = snapshots + 1 WHERE shard = ar_snapshot_shard($1)) "
            + "SELECT * FROM s")
        .execute(Tuple.of(Ids.newId(), userId, productId, imageUrl, metadata))
        .map(rows -> Snapshot.from(rows.iterator().next()));
  }

  /**
   * How many snapshots {@code filter} shows. A filter's count is an index-only scan; the unfiltered
   * one adds up the counter's 16 shards instead of reading the whole table.
   */
  public Future<Long> count(SnapshotFilter filter) {
    String sql = filter.isEmpty() ? "SELECT sum(snapshots)::bigint FROM ar_snapshot_count"
        : "SELECT count(*) FROM snapshots" + filter.where();
    return pool.preparedQuery(sql)
        .execute(filter.parameters())
        .map(Rows::singleLong);
  }

  /** A page of the snapshots {@code filter} shows, newest first. */
  public Future<List<Snapshot>> page(SnapshotFilter filter, PageRequest page) {
    Tuple parameters = filter.parameters();
    int limit = parameters.size() + 1;
    return pool.preparedQuery("SELECT " + Snapshot.COLUMNS + " FROM snapshots" + filter.where()
            + " ORDER BY created_at DESC, id DESC LIMIT $" + limit + " OFFSET $" + (limit + 1))
        .execute(parameters.addInteger(page.pageSize()).addLong(page.offset()))
        .map(rows -> Rows.all(rows, Snapshot::from));
  }
}
