import MiniSearch, { type SearchOptions } from 'minisearch';
import { expect } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { analyzeText } from '../../src/search/analyzeText.js';
import { Postings } from '../../src/search/Postings.js';
import { type QueryTerm, RankedSearch } from '../../src/search/RankedSearch.js';

/**
 * minisearch as the oracle of {@link RankedSearch}: the same passages indexed both ways, and
 * checks that every result (ids, scores to the last bit, matched terms) is the same. Used by
 * `npm test` on the project's fixtures and by the data tier on BBC News.
 */
export const FIELDS = ['title', 'heading', 'text'];
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const BOOST = { title: 2, heading: 1, text: 1 };

/** The same passages in minisearch (its own `addAll`) and in {@link RankedSearch}. */
export async function bothWays(dir: string) {
  const corpus = await loadCorpus(dir);
  const docs = corpus.articles.flatMap((article) =>
    article.paragraphs
      .filter((p) => p.kind === 'body')
      .map((p) => ({
        title: analyzeText(article.title),
        heading: analyzeText(p.heading ?? ''),
        sentences: p.sentences.map((s) => analyzeText(s.text)),
      })),
  );
  const minisearch = new MiniSearch({
    fields: FIELDS,
    tokenize: (text: string) => text.split(' '),
    processTerm: (term: string) => term || null,
  });
  minisearch.addAll(
    docs.map((d, id) => ({
      id,
      title: d.title.join(' '),
      heading: d.heading.join(' '),
      text: d.sentences.map((s) => s.join(' ')).join(' '),
    })),
  );
  const postings = new Postings(FIELDS);
  const ids = (terms: string[]) => terms.map((term) => postings.intern(term));
  for (const d of docs) postings.add([[ids(d.title)], [ids(d.heading)], d.sentences.map(ids)]);
  const ranked = new RankedSearch(postings.toArrays(), { boost: BOOST, bm25: BM25 });
  const headlines = corpus.articles.map((a) => analyzeText(a.title));
  return { minisearch, ranked, docs, headlines };
}

export type Both = Awaited<ReturnType<typeof bothWays>>;

/** minisearch's answer, in the shape RankedSearch gives. */
export function expected(
  { minisearch }: Both,
  terms: readonly string[],
  limit: number,
  extra: SearchOptions = {},
) {
  return minisearch
    .search(terms.join(' '), { boost: BOOST, bm25: BM25, ...extra })
    .slice(0, limit)
    .map(({ id, score, terms: matched, queryTerms }) => ({
      id,
      score,
      terms: matched,
      queryTerms,
    }));
}

/** Drops a letter from the middle of each long word: the typos a chat user makes. */
export function misspell(terms: readonly string[]): string[] {
  return terms.map((t) => (t.length >= 6 ? t.slice(0, 3) + t.slice(4) : t));
}

/** Every headline, and the opening words of every fourth paragraph, rank as in minisearch. */
export function expectSameRanking(both: Both): void {
  const openings = both.docs
    .filter((_, i) => i % 4 === 0)
    .map((d) => d.sentences.flat().slice(0, 12));
  for (const terms of [...both.headlines, ...openings]) {
    const query: QueryTerm[] = terms.map((term) => ({ term, fuzzy: false }));
    expect(both.ranked.search(query, 15)).toEqual(expected(both, terms, 15));
  }
}

/** Misspelt headlines match as in minisearch; returns how many hits came through a typo. */
export function expectSameTypoMatches(both: Both): number {
  let typoHits = 0;
  for (const terms of both.headlines.map(misspell)) {
    const query = terms.map((term) => ({ term, fuzzy: 0.2 }));
    const hits = both.ranked.search(query, 10);
    expect(hits).toEqual(expected(both, terms, 10, { fuzzy: 0.2 }));
    typoHits += hits.filter((hit) => hit.terms.some((t) => !terms.includes(t))).length;
  }
  return typoHits;
}

/** A passage boost and filter act as minisearch's boostDocument and filter. */
export function expectSameBoostAndFilter(both: Both): void {
  const boost = (id: number) => (id % 3 === 0 ? 0 : 1 + (id % 5) / 10);
  const filter = (id: number) => id % 4 !== 1;
  for (const terms of both.headlines.slice(0, 100)) {
    const query = terms.map((term) => ({ term, fuzzy: false as const }));
    expect(both.ranked.search(query, 10, { boost, filter })).toEqual(
      expected(both, terms, 10, {
        boostDocument: (id) => boost(id),
        filter: (result) => filter(result.id),
      }),
    );
  }
}
