-- The feed poller's memory (each feed's ETag, backoff and errors; each item seen), shared by
-- every process and host, so the one that polls next knows what the last one added.
CREATE TABLE feed_state (
  kind text NOT NULL CHECK (kind IN ('feed', 'item')),
  key text NOT NULL,
  record jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (kind, key)
);
-- What changed since a poller last looked: an item an admin removed on another host.
CREATE INDEX feed_state_updated ON feed_state (updated_at);
CREATE INDEX feed_state_article ON feed_state ((record->>'articleId')) WHERE kind = 'item';
