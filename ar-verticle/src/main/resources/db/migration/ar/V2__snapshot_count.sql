-- The unfiltered list's total, kept up to date: count(*) of the whole table reads every row. The
-- count is split into 16 shards so that concurrent inserts rarely wait on the same row; the total
-- is their sum. Each insert adds one to its snapshot's shard in the same statement (see
-- SnapshotRepository), so the sum is exact whenever a transaction can see it.
CREATE TABLE ar_snapshot_count (
  shard     smallint PRIMARY KEY CHECK (shard BETWEEN 0 AND 15),
  snapshots bigint NOT NULL
);

-- A snapshot's shard: the last byte of its id, random in a version 7 UUID, over the 16 shards.
CREATE FUNCTION ar_snapshot_shard(id uuid) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (get_byte(uuid_send(id), 15) % 16)::smallint $$;

-- No insert may land between the count and the commit, or it would be missing from the count.
LOCK TABLE snapshots IN SHARE MODE;

-- Every shard, empty ones included, so an insert always finds its row.
INSERT INTO ar_snapshot_count (shard, snapshots)
SELECT shard, count(s.id)
FROM generate_series(0, 15) AS shard
LEFT JOIN snapshots s ON ar_snapshot_shard(s.id) = shard
GROUP BY shard;
