-- What delivering news reads and writes with a database, so that whichever host polls the
-- feeds delivers, and takes over where the last one stopped.

-- The order articles first arrived in: the deliverer's alerts read what arrived after the
-- last number it saw. Writers hold the import lock until they commit, so numbers become
-- visible in order. An update keeps its number, as an edited article is not news. Articles
-- stored before this migration have none: they were there before anyone looked.
CREATE SEQUENCE article_arrivals;
ALTER TABLE articles ADD COLUMN arrival bigint;
ALTER TABLE articles ALTER COLUMN arrival SET DEFAULT nextval('article_arrivals');
CREATE INDEX articles_arrival ON articles (arrival);

-- The follows, alerts and briefings servers asked for, from any shard process or host.
CREATE TABLE subscriptions (
  id text PRIMARY KEY,
  record jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The deliverer's record (posts, what each follow has seen, pauses, where the last look got
-- to), saved whole as the folder mode's deliveries.json is. A process that takes the job
-- raises the generation; a save by an earlier holder then changes nothing.
CREATE TABLE delivery_state (
  id integer PRIMARY KEY CHECK (id = 1),
  state jsonb NOT NULL,
  generation bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
