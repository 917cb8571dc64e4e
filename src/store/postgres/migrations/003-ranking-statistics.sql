-- What the project's own ranking (BM25+ over the headline, heading and paragraph fields) needs
-- from the archive, so the database ranks a passage as the in-memory index of every article would.

-- An article is rebuilt from its row exactly as the folder mode reads its file: its path, and
-- whether its headline is the first line of its text (no front-matter title).
ALTER TABLE articles ADD COLUMN path text NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN headline_in_text boolean NOT NULL DEFAULT true;
-- The publication day as the folder mode counts it (days since 1970-01-01), for date scopes.
ALTER TABLE articles ADD COLUMN published_day integer;
CREATE INDEX articles_published_day ON articles (published_day);

-- Each passage's field lengths (distinct terms, as minisearch counts them) for BM25's length
-- normalisation. `terms` now holds every term of the headline (weight A), the section heading
-- (B) and the paragraph (D), with one position per occurrence, so a term's count in each field
-- is read from the vector itself.
ALTER TABLE passages ADD COLUMN title_length integer NOT NULL DEFAULT 1;
ALTER TABLE passages ADD COLUMN heading_length integer NOT NULL DEFAULT 1;
ALTER TABLE passages ADD COLUMN text_length integer NOT NULL DEFAULT 1;

-- How many passages hold each term in each field: a term's rarity.
CREATE TABLE term_stats (
  term text PRIMARY KEY,
  title_passages integer NOT NULL,
  heading_passages integer NOT NULL,
  text_passages integer NOT NULL
);

-- The archive's totals, one row, kept with term_stats in the same transactions.
CREATE TABLE archive_stats (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  articles bigint NOT NULL,
  undated_articles bigint NOT NULL,
  passages bigint NOT NULL,
  title_length bigint NOT NULL,
  heading_length bigint NOT NULL,
  text_length bigint NOT NULL
);
INSERT INTO archive_stats VALUES (true, 0, 0, 0, 0, 0, 0);

-- Articles imported before these statistics existed are imported again by the next
-- `cli import`: their passages lack the field counts, so they are cleared and marked changed.
DELETE FROM passages;
DELETE FROM articles;
