-- What naming, listing and suggesting articles reads, so that a bot process asks the database
-- for one article or one page of them instead of holding every article in memory.

-- The terms of an article's headline and id, analysed as the project analyses text: a reader's
-- "oil prices" finds "Oil price rises" as the folder mode finds it.
ALTER TABLE articles ADD COLUMN headline_terms text[] NOT NULL DEFAULT '{}';
CREATE INDEX articles_headline_terms ON articles USING gin (headline_terms);
-- The short key that stands for an article in a button or an autocomplete value.
ALTER TABLE articles ADD COLUMN key text NOT NULL DEFAULT '';
CREATE INDEX articles_key ON articles (key);
-- An id or a headline typed in any case.
CREATE INDEX articles_lower_id ON articles (lower(id) text_pattern_ops);
CREATE INDEX articles_lower_title ON articles (lower(title));

-- Ids in the folder mode's order: "a/9" before "a/10", as Intl.Collator with numeric
-- ordering sorts them. Without ICU, byte order is the closest there is.
DO $$
BEGIN
  CREATE COLLATION numeric_ids (provider = icu, locale = 'en-u-kn-true');
EXCEPTION WHEN OTHERS THEN
  CREATE COLLATION numeric_ids FROM "C";
END
$$;
-- Newest first, then undated articles in folder order: one index scan for any page.
CREATE INDEX articles_newest ON articles (published DESC NULLS LAST, id COLLATE numeric_ids);

-- Words of a headline typed anywhere in it ("price rise"), as pg_trgm finds them; without the
-- extension the same query reads every headline.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX articles_title_trigrams ON articles USING gin (lower(title) gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available, so headline words are found by reading them all: %', SQLERRM;
END
$$;

-- Articles imported before these columns existed are marked changed: the next `cli import`
-- fills them in, and until then they answer questions as before.
UPDATE articles SET content_hash = '';
