-- Typo matching: a question's word the archive lacks is matched to the archive's terms within
-- a few edits, as the folder mode matches it against its in-memory term tree.
--
-- Every term ever imported, added to and never changed: a trigram index on term_stats itself,
-- whose rows change with every import, made importing the news set seventeen times slower.
-- A term no passage holds any more drops out by the join with term_stats.
CREATE TABLE term_dictionary (term text PRIMARY KEY);
INSERT INTO term_dictionary SELECT term FROM term_stats;

-- The trigram index (pg_trgm, shipped with PostgreSQL and trusted on hosted services) finds
-- the candidates. Where the extension cannot be created, nothing fails: typos are then not
-- matched.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX term_dictionary_trigrams ON term_dictionary USING gin (term gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available, so typos are not matched: %', SQLERRM;
END
$$;
