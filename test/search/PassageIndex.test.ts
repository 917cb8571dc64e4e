import { beforeAll, describe, expect, it } from 'vitest';
import { processTerm } from '../../src/search/analyzeText.js';
import type { Passage, PassageIndex } from '../../src/search/PassageIndex.js';
import { fixturesDir, indexFolder, seedsDir } from '../helpers.js';

describe('PassageIndex', () => {
  let seed: PassageIndex;
  let fixtures: PassageIndex;
  beforeAll(async () => {
    seed = await indexFolder(seedsDir);
    fixtures = await indexFolder(fixturesDir);
  });

  it('indexes body paragraphs only, never headings', () => {
    expect(seed.passages).toHaveLength(8);
    for (const { paragraph } of seed.passages) expect(paragraph.kind).toBe('body');
  });

  it('ranks the paragraph that holds the question words first', () => {
    const [best] = seed.search('ballistic missiles drones');
    expect(best?.passage.paragraph.text).toContain('71 ballistic missiles alongside 450 drones');
    expect(best?.queryTerms).toEqual(expect.arrayContaining(['ballist', 'missil', 'drone']));
  });

  it('still finds words with typos', () => {
    const [best] = seed.search('balistic missles');
    expect(best?.passage.paragraph.text).toContain('71 ballistic missiles');
  });

  it('knows whether a passage holds a term in its paragraph or its headline', () => {
    const [first, second] = seed.passages as [Passage, Passage];
    const own = seed.termsOfSentences(first).flat();
    const headline = processTerm(first.article.title.split(' ')[0] ?? '') as string;
    expect(seed.passageHasTerm(first, own[0] as string)).toBe(true);
    expect(seed.passageHasTerm(second, headline)).toBe(true);
    expect(seed.passageHasTerm(first, 'zebra')).toBe(false);
    const elsewhere = seed.passages
      .flatMap((p) => seed.termsOfSentences(p).flat())
      .find((term) => !own.includes(term));
    expect(seed.passageHasTerm(first, elsewhere as string)).toBe(false);
  });

  it('takes at most two edits as a typo, however long the word', () => {
    expect(seed.search('infrastrxcture')[0]?.terms).toContain(processTerm('infrastructure'));
    expect(seed.search('infrxstxuctuxe')).toEqual([]);
  });

  it('matches the headline, so an article is found by words only in its title', () => {
    const [best] = fixtures.search('harbour');
    expect(best?.passage.article.id).toBe('bom-crlf');
  });

  it('counts a related word for a query term at its weight, below the word itself', () => {
    const missiles = processTerm('missiles') as string;
    const rockets = processTerm('rockets') as string;
    expect(seed.search('rockets')).toEqual([]);
    const related = (weight: number) => (term: string) =>
      term === rockets ? [{ term: missiles, weight }] : [];
    const [half] = seed.search('rockets', 10, { related: related(0.5) });
    const [full] = seed.search('missiles');
    expect(half?.passage).toBe(full?.passage);
    expect(half?.terms).toContain(missiles);
    expect(half?.score).toBeLessThan(full?.score as number);
    expect(seed.search('rockets', 10, { related: related(1) })[0]?.score).toBeCloseTo(
      full?.score as number,
    );
  });

  it('returns nothing for words the corpus does not contain', () => {
    expect(seed.search('zebra quantum')).toEqual([]);
  });

  it('weighs rare words above common ones', () => {
    const term = (word: string) => processTerm(word) as string;
    expect(seed.idf(term('Zelenskyy'))).toBeGreaterThan(seed.idf(term('Russia')));
    expect(seed.idf(term('neverseen'))).toBeGreaterThan(seed.idf(term('Zelenskyy')));
  });
});
