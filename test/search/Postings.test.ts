import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus';
import { analyzeText } from '../../src/search/analyzeText';
import { Postings } from '../../src/search/Postings';
import { fixturesDir, seedsDir } from '../helpers';

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
      const loaded = MiniSearch.loadJS(postings.toMiniSearch(), options);
      expect(JSON.parse(JSON.stringify(loaded))).toEqual(JSON.parse(JSON.stringify(added)));
    }
  });

  it('ranks and scores every paragraph query the same as addAll does', () => {
    const { added, postings, options, queries } = seed;
    const loaded = MiniSearch.loadJS(postings.toMiniSearch(), options);
    for (const query of queries) {
      const search = { boost: { title: 2 }, bm25: { k: 1.2, b: 0.7, d: 0.5 } };
      expect(loaded.search(query, search)).toEqual(added.search(query, search));
    }
  });

  it('comes back the same from what it saves', () => {
    const { postings, options } = fixtures;
    const restored = Postings.fromSaved(
      postings.fields,
      JSON.parse(JSON.stringify([...postings.toLists()])),
      JSON.parse(JSON.stringify(postings.toFieldLengths())),
    );
    expect(restored.size).toBe(postings.size);
    expect(JSON.stringify(MiniSearch.loadJS(restored.toMiniSearch(), options))).toBe(
      JSON.stringify(MiniSearch.loadJS(postings.toMiniSearch(), options)),
    );
  });

  it('restores the field lengths of a large archive', () => {
    const passages = 300_000;
    const restored = Postings.fromSaved(['text'], [], new Array<number>(passages).fill(4));
    expect(restored.size).toBe(passages);
  });

  it('refuses saved lists that do not fit its fields', () => {
    expect(() => Postings.fromSaved(['text'], [['word', 3, [0], [1]]], [1])).toThrow();
    expect(() => Postings.fromSaved(['text'], [['word', 0, [0, 1], [1]]], [1, 1])).toThrow();
    expect(() => Postings.fromSaved(['a', 'b'], [], [1, 1, 1])).toThrow();
  });
});
