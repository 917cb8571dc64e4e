import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Both,
  bothWays,
  expectSameBoostAndFilter,
  expectSameRanking,
  expectSameTypoMatches,
} from '../search/minisearchOracle.js';
import { bbcDir } from './sharedData.js';

describe('RankedSearch on the 401 BBC tech articles', () => {
  let tech: Both;
  beforeAll(async () => {
    tech = await bothWays(path.join(bbcDir, 'tech'));
  });

  it('ranks and scores every headline and paragraph query exactly as minisearch does', () => {
    expectSameRanking(tech);
  });

  it('matches typos with minisearch’s weights and lists the words they matched', () => {
    expect(expectSameTypoMatches(tech)).toBeGreaterThan(100);
  });

  it('applies a passage boost and filter as minisearch applies boostDocument and filter', () => {
    expectSameBoostAndFilter(tech);
  });
});
