import path from 'node:path';
import MiniSearch, { type SearchOptions } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus';
import { analyzeText } from '../../src/search/analyzeText';
import { Postings } from '../../src/search/Postings';
import { type QueryTerm, RankedSearch } from '../../src/search/RankedSearch';
import { bbcDir, fixturesDir, seedsDir } from '../helpers';

const FIELDS = ['title', 'heading', 'text'];
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const BOOST = { title: 2, heading: 1, text: 1 };

/** The same passages in minisearch (its own `addAll`) and in {@link RankedSearch}. */
async function bothWays(dir: string) {
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

type Both = Awaited<ReturnType<typeof bothWays>>;

/** minisearch's answer, in the shape RankedSearch gives. */
function expected(
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
function misspell(terms: readonly string[]): string[] {
  return terms.map((t) => (t.length >= 6 ? t.slice(0, 3) + t.slice(4) : t));
}

describe('RankedSearch', () => {
  let seed: Both;
  let fixtures: Both;
  let tech: Both;
  beforeAll(async () => {
    seed = await bothWays(seedsDir);
    fixtures = await bothWays(fixturesDir);
    tech = await bothWays(path.join(bbcDir, 'tech'));
  });

  it('ranks and scores every headline and paragraph query exactly as minisearch does', () => {
    for (const both of [seed, fixtures, tech]) {
      // Every headline, and the opening words of every fourth paragraph.
      const openings = both.docs
        .filter((_, i) => i % 4 === 0)
        .map((d) => d.sentences.flat().slice(0, 12));
      const queries = [...both.headlines, ...openings];
      for (const terms of queries) {
        const query: QueryTerm[] = terms.map((term) => ({ term, fuzzy: false }));
        expect(both.ranked.search(query, 15)).toEqual(expected(both, terms, 15));
      }
    }
  });

  it('matches typos with minisearch’s weights and lists the words they matched', () => {
    let typoHits = 0;
    for (const terms of tech.headlines.map(misspell)) {
      const query = terms.map((term) => ({ term, fuzzy: 0.2 }));
      const hits = tech.ranked.search(query, 10);
      expect(hits).toEqual(expected(tech, terms, 10, { fuzzy: 0.2 }));
      typoHits += hits.filter((hit) => hit.terms.some((t) => !terms.includes(t))).length;
    }
    expect(typoHits).toBeGreaterThan(100);
  });

  it('applies a passage boost and filter as minisearch applies boostDocument and filter', () => {
    const boost = (id: number) => (id % 3 === 0 ? 0 : 1 + (id % 5) / 10);
    const filter = (id: number) => id % 4 !== 1;
    for (const terms of tech.headlines.slice(0, 100)) {
      const query = terms.map((term) => ({ term, fuzzy: false as const }));
      expect(tech.ranked.search(query, 10, { boost, filter })).toEqual(
        expected(tech, terms, 10, {
          boostDocument: (id) => boost(id),
          filter: (result) => filter(result.id),
        }),
      );
    }
  });

  it('counts a repeated query word twice in the score but once as a matched word', () => {
    const terms = [...(tech.headlines[0] ?? []), ...(tech.headlines[0] ?? [])];
    const query = terms.map((term) => ({ term, fuzzy: false as const }));
    expect(tech.ranked.search(query, 5)).toEqual(expected(tech, terms, 5));
  });

  it('returns nothing for no words, unknown words or a limit of zero', () => {
    expect(seed.ranked.search([], 5)).toEqual([]);
    expect(seed.ranked.search([{ term: 'zzzqqq', fuzzy: false }], 5)).toEqual([]);
    const known = seed.headlines[0]?.[0] as string;
    expect(seed.ranked.search([{ term: known, fuzzy: false }], 0)).toEqual([]);
  });

  it('refuses arrays that do not hold together, such as a damaged saved index', () => {
    const postings = new Postings(FIELDS);
    postings.add([[[postings.intern('ferri')]], [[]], [[postings.intern('island')]]]);
    const arrays = postings.toArrays();
    expect(
      () => new RankedSearch({ ...arrays, passageCount: 0, fieldLengths: new Uint32Array() }),
    ).toThrow(/damaged/);
    expect(() => new RankedSearch({ ...arrays, offsets: arrays.offsets.subarray(1) })).toThrow(
      /damaged/,
    );
    const passages = Uint32Array.from(arrays.passages, () => 7);
    expect(() => new RankedSearch({ ...arrays, passages })).toThrow(/damaged/);
  });
});
