-- The archive's articles, one row per id (the article's path in its folder, as today).
-- content_hash lets an import skip an article that has not changed.
CREATE TABLE articles (
  id text PRIMARY KEY,
  title text NOT NULL,
  text text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  published timestamptz,
  content_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_published ON articles (published DESC NULLS LAST);
