-- The project's own postings, packed: what lets a question find its candidate passages at a
-- quarter of a million articles in milliseconds. Reading each candidate passage's tsvector cost
-- about 30 µs a row; a block holds hundreds of postings as bytes, read and scored in the process.

-- A passage's number among all passages, given once and never reused: postings name passages by
-- it, in the order they were stored. The index answers "which article and paragraph" by itself.
CREATE SEQUENCE passage_keys AS integer;
ALTER TABLE passages ADD COLUMN key integer NOT NULL DEFAULT nextval('passage_keys');
CREATE UNIQUE INDEX passages_key ON passages (key) INCLUDE (article_id, number);

-- Each article's paragraphs and sentences as offsets (see articleLayout.ts), so reading an
-- article for an answer does not split its sentences again. Articles stored before it have
-- none and are split as before.
ALTER TABLE articles ADD COLUMN layout text;

-- Each server whose own articles are stored, by a small number that postings can carry.
CREATE TABLE collections (
  code serial PRIMARY KEY,
  name text NOT NULL UNIQUE
);

-- A term's postings, in runs of passage keys. Each posting is 20 bytes, big-endian: the passage's
-- key (int4), its article's publication day (int4, -2^31 when undated), its collection (int4, 0
-- for the shared one), its paragraph's length and the term's count there (two int2), and its
-- headline's and heading's lengths and the term's counts there (four bytes, capped at 255).
-- Stored out of line without compression: a block is read whole, as it is.
CREATE TABLE posting_blocks (
  term text NOT NULL,
  first_key integer NOT NULL,
  last_key integer NOT NULL,
  postings integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (term, first_key)
);
ALTER TABLE posting_blocks ALTER COLUMN data SET STORAGE EXTERNAL;

-- The passages stored before this migration, packed as new ones are.
INSERT INTO collections (name)
SELECT DISTINCT split_part(id, '/', 2) FROM articles
WHERE id LIKE 'servers/%' AND split_part(id, '/', 2) ~ '^[A-Za-z0-9_-]{1,64}$';

INSERT INTO posting_blocks (term, first_key, last_key, postings, data)
SELECT term, min(key), max(key), count(*)::int, string_agg(posting, ''::bytea ORDER BY key)
FROM (
  SELECT u.lexeme AS term, p.key,
    (row_number() OVER (PARTITION BY u.lexeme ORDER BY p.key) - 1) / 4096 AS block,
    int4send(p.key) || int4send(coalesce(a.published_day, -2147483648))
      || int4send(coalesce(c.code, 0))
      || int2send(least(p.text_length, 32767)::int2)
      || int2send(least(coalesce(cardinality(array_positions(u.weights, 'D')), 0), 32767)::int2)
      || set_byte('\x00'::bytea, 0, least(p.title_length, 255))
      || set_byte('\x00'::bytea, 0, least(p.heading_length, 255))
      || set_byte('\x00'::bytea, 0, least(coalesce(cardinality(array_positions(u.weights, 'A')), 0), 255))
      || set_byte('\x00'::bytea, 0, least(coalesce(cardinality(array_positions(u.weights, 'B')), 0), 255))
      AS posting
  FROM passages p
    JOIN articles a ON a.id = p.article_id
    LEFT JOIN collections c ON a.id LIKE 'servers/%' AND c.name = split_part(a.id, '/', 2)
    CROSS JOIN LATERAL unnest(p.terms) u
) packed
GROUP BY term, block;
