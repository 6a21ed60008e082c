-- The event tables every service has (applied with their own Flyway history table, next to the
-- service's own migrations). docs/events.md describes the pipeline.

-- Transactional outbox: an event is written in the transaction of the change it describes; the
-- relay publishes it and marks it published. A claim lets one relay (of several replicas) own a
-- row while it publishes; a claim that runs out (the relay died) frees the row for another.
CREATE TABLE event_outbox (
  id            uuid PRIMARY KEY,
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  type          text NOT NULL,
  source        text NOT NULL,
  data          jsonb NOT NULL,
  occurred_at   timestamptz NOT NULL DEFAULT now(),
  attempts      integer NOT NULL DEFAULT 0,
  claimed_until timestamptz,
  published_at  timestamptz
);

-- What the relay reads (oldest first), and what the pruning deletes.
CREATE INDEX event_outbox_unpublished_idx ON event_outbox (seq) WHERE published_at IS NULL;
CREATE INDEX event_outbox_published_idx ON event_outbox (published_at) WHERE published_at IS NOT NULL;

-- The events this service has applied, written in the transaction of their effect: a second
-- delivery of the same event finds its id here and changes nothing.
CREATE TABLE event_applied (
  event_id   uuid PRIMARY KEY,
  type       text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX event_applied_at_idx ON event_applied (applied_at);

-- Events whose handler kept failing after every retry: kept for an operator, not retried.
CREATE TABLE event_dead_letters (
  event_id  uuid PRIMARY KEY,
  type      text NOT NULL,
  source    text NOT NULL,
  data      jsonb NOT NULL,
  error     text NOT NULL,
  attempts  integer NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
