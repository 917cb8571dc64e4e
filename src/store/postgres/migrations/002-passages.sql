-- Which folder an article was imported from, so `cli import --prune` removes only that
-- folder's articles that are gone.
ALTER TABLE articles ADD COLUMN folder text;
CREATE INDEX articles_folder ON articles (folder);

-- Each article's body paragraphs, the units the search finds, with the project's own analysed
-- terms (its lemmas and stems) as a tsvector taken verbatim, so the database matches what the
-- folder mode matches.
CREATE TABLE passages (
  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  number integer NOT NULL,
  heading text,
  text text NOT NULL,
  terms tsvector NOT NULL,
  term_count integer NOT NULL,
  PRIMARY KEY (article_id, number)
);
CREATE INDEX passages_terms ON passages USING gin (terms);
