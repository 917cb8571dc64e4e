import MiniSearch, { type AsPlainObject } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus';
import { analyzeText } from '../../src/search/analyzeText';
import { Postings } from '../../src/search/Postings';
import { fixturesDir, seedsDir } from '../helpers';

/** What Postings hands minisearch, with its lazy index walked into an array. */
function plain(postings: Postings): AsPlainObject {
  const made = postings.toMiniSearch();
  return { ...made, index: [...made.index] };
}

/** The same passages through minisearch's own `addAll` and through {@link Postings}. */
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
  const fields = ['title', 'heading', 'text'];
  const options = {
    fields,
    tokenize: (text: string) => text.split(' '),
    processTerm: (term: string) => term || null,
  };
  const added = new MiniSearch(options);
  added.addAll(
    docs.map((d, id) => ({
      id,
      title: d.title.join(' '),
      heading: d.heading.join(' '),
      text: d.sentences.map((s) => s.join(' ')).join(' '),
    })),
  );
  const postings = new Postings(fields);
  for (const d of docs) postings.add([[d.title], [d.heading], d.sentences]);
  return { added, postings, options, queries: docs.map((d) => d.sentences.flat().join(' ')) };
}

describe('Postings', () => {
  let seed: Awaited<ReturnType<typeof bothWays>>;
  let fixtures: Awaited<ReturnType<typeof bothWays>>;
  beforeAll(async () => {
    seed = await bothWays(seedsDir);
    fixtures = await bothWays(fixturesDir);
  });

  it('gives minisearch exactly the index its own addAll builds', () => {
    for (const { added, postings, options } of [seed, fixtures]) {
      const loaded = MiniSearch.loadJS(plain(postings), options);
      expect(JSON.parse(JSON.stringify(loaded))).toEqual(JSON.parse(JSON.stringify(added)));
    }
  });

  it('ranks and scores every paragraph query the same as addAll does', () => {
    const { added, postings, options, queries } = seed;
    const loaded = MiniSearch.loadJS(plain(postings), options);
    for (const query of queries) {
      const search = { boost: { title: 2 }, bm25: { k: 1.2, b: 0.7, d: 0.5 } };
      expect(loaded.search(query, search)).toEqual(added.search(query, search));
    }
  });

  it('is saved in the very form minisearch saves itself, and read back by it', () => {
    const { added, postings, options } = fixtures;
    const saved = JSON.parse(JSON.stringify(plain(postings)));
    const byTerm = (a: [string], b: [string]) => a[0].localeCompare(b[0]);
    const own = JSON.parse(JSON.stringify(added));
    expect({ ...saved, index: saved.index.sort(byTerm) }).toEqual({
      ...own,
      index: own.index.sort(byTerm),
    });
    expect(MiniSearch.loadJS(saved, options).documentCount).toBe(postings.size);
  });

  it('knows its length before its terms are walked, and can be walked again', () => {
    const { index } = seed.postings.toMiniSearch();
    expect([...index]).toHaveLength(index.length);
    expect([...index]).toEqual([...index]);
  });

  it('counts the passages that hold each term, field by field', () => {
    const postings = new Postings(['title', 'text']);
    postings.add([[['ferri']], [['ferri', 'island'], ['ferri']]]);
    postings.add([[['coach']], [['island']]]);
    expect(Object.fromEntries(postings.passageCounts())).toEqual({
      ferri: [1, 1],
      island: [0, 2],
      coach: [1, 0],
    });
  });
});
