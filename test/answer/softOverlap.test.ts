import { describe, expect, it } from 'vitest';
import { readQuery } from '../../src/answer/readQuery.js';
import { softOverlapFor } from '../../src/answer/softOverlap.js';
import { processTerm, tokenize } from '../../src/search/analyzeText.js';
import { wordVectors } from '../../src/search/wordVectors.js';
import { indexFolder, newsroomDir } from '../helpers.js';

const termsOf = (text: string) =>
  tokenize(text)
    .map(processTerm)
    .filter((term): term is string => term !== null);

describe('softOverlapFor', async () => {
  const index = await indexFolder(newsroomDir);
  const query = readQuery(index, 'how many posts is the carmaker axing');
  const cuts = termsOf('Marlow Motors will cut 450 jobs at its Harwick car plant.');
  const shares = termsOf('Shares in Marlow Motors rose 3% after the announcement.');
  const weightOf = (term: string) => index.idf(term);

  it('credits a sentence that says the asked thing in other words', () => {
    const soft = softOverlapFor(wordVectors(), query, [], weightOf);
    expect(soft(cuts)).toBeGreaterThan(soft(shares));
    expect(soft(cuts)).toBeGreaterThan(0);
    expect(soft(cuts)).toBeLessThan(1);
  });

  it('counts only the question’s own words without vectors', () => {
    const exact = softOverlapFor(undefined, query, [], weightOf);
    expect(exact(cuts)).toBe(0);
    expect(exact(termsOf('The carmaker is axing 450 posts.'))).toBe(1);
  });

  it('leaves the named subjects out, and is 1 when nothing else is asked', () => {
    const named = readQuery(index, 'Marlow Motors');
    const subjects = named.terms;
    expect(softOverlapFor(wordVectors(), named, subjects, weightOf)(shares)).toBe(1);
  });
});
