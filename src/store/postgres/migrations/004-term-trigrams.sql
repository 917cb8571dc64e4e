-- Typo matching: a question's word the archive lacks is matched to the archive's terms within
-- a few edits, as the folder mode matches it against its in-memory term tree. The trigram index
-- (pg_trgm, shipped with PostgreSQL and trusted on hosted services) finds the candidates. Where
-- the extension cannot be created, nothing fails: typos are then not matched.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX term_stats_trigrams ON term_stats USING gin (term gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm is not available, so typos are not matched: %', SQLERRM;
END
$$;
