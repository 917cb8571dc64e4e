-- Votes and poorly answered questions from every process and host, in one table: /stats and
-- `npm run report` read them all.
CREATE TABLE feedback (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  vote text,
  question text NOT NULL,
  answer text NOT NULL,
  citations jsonb NOT NULL DEFAULT '[]'::jsonb,
  time timestamptz NOT NULL,
  guild_id text,
  user_hash text NOT NULL,
  message_id text,
  composer text
);
CREATE INDEX feedback_time ON feedback (time);
-- One vote per person per answer, however many processes saw the click or retried the write.
CREATE UNIQUE INDEX feedback_one_vote ON feedback (message_id, user_hash) WHERE kind = 'vote';

-- The key users' ids are hashed with, the same on every host, so one person counts once.
CREATE TABLE feedback_key (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  key text NOT NULL
);
