import { beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/answer/answerSettings.js';
import { findPassages, selectiveWords } from '../../src/answer/findPassages.js';
import { readQuery } from '../../src/answer/readQuery.js';
import { processTerm } from '../../src/search/analyzeText.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { indexFolder, seedsDir } from '../helpers.js';

describe('findPassages', () => {
  let seed: PassageIndex;
  const { passagesRead, maxPostings } = resolveSettings({});
  const find = (question: string) =>
    findPassages(seed, readQuery(seed, question), passagesRead, maxPostings, {});
  beforeAll(async () => {
    seed = await indexFolder(seedsDir);
  });

  it('matches a misspelt word to the word the articles use', () => {
    expect(find('balistic missles')[0]?.passage.paragraph.text).toContain('71 ballistic missiles');
  });

  it('does not take an English word the articles lack for a typo of one they have', () => {
    // Spelled as a typo, the index itself matches it to "missiles".
    expect(seed.search('missives')).not.toEqual([]);
    expect(find('missives')).toEqual([]);
    expect(find('ballistic missives')[0]?.passage.paragraph.text).toContain('ballistic missiles');
  });

  it('searches the rarest words first, up to the postings budget, and always two', () => {
    const query = readQuery(seed, 'what did the talks say about ballistic missiles');
    const postings = (word: string) => seed.postingCount(processTerm(word) ?? '');
    const all = selectiveWords(seed, query, Number.POSITIVE_INFINITY);
    const two = selectiveWords(seed, query, 0);
    expect(two).toHaveLength(2);
    expect(all.length).toBeGreaterThan(2);
    const rest = all.filter((word) => !two.includes(word));
    expect(Math.max(...two.map(postings))).toBeLessThanOrEqual(Math.min(...rest.map(postings)));
  });
});
