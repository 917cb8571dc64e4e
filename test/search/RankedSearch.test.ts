import { beforeAll, describe, expect, it } from 'vitest';
import { Postings } from '../../src/search/Postings.js';
import { RankedSearch } from '../../src/search/RankedSearch.js';
import { fixturesDir, newsroomDir, seedsDir } from '../helpers.js';
import {
  type Both,
  bothWays,
  expected,
  expectSameBoostAndFilter,
  expectSameRanking,
  expectSameTypoMatches,
  FIELDS,
} from './minisearchOracle.js';

/** Typo hits the thirty newsroom headlines must produce, so the typo path is really taken. */
const TYPO_HITS_AT_LEAST = 10;

describe('RankedSearch', () => {
  let seed: Both;
  let fixtures: Both;
  let newsroom: Both;
  beforeAll(async () => {
    seed = await bothWays(seedsDir);
    fixtures = await bothWays(fixturesDir);
    newsroom = await bothWays(newsroomDir);
  });

  it('ranks and scores every headline and paragraph query exactly as minisearch does', () => {
    for (const both of [seed, fixtures, newsroom]) expectSameRanking(both);
  });

  it('matches typos with minisearch’s weights and lists the words they matched', () => {
    expect(expectSameTypoMatches(newsroom)).toBeGreaterThan(TYPO_HITS_AT_LEAST);
  });

  it('applies a passage boost and filter as minisearch applies boostDocument and filter', () => {
    expectSameBoostAndFilter(newsroom);
  });

  it('counts a repeated query word twice in the score but once as a matched word', () => {
    const terms = [...(newsroom.headlines[0] ?? []), ...(newsroom.headlines[0] ?? [])];
    const query = terms.map((term) => ({ term, fuzzy: false as const }));
    expect(newsroom.ranked.search(query, 5)).toEqual(expected(newsroom, terms, 5));
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
