import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { countedTerms, namesCountedThing } from '../../src/answer/countedThing.js';
import type { Candidate } from '../../src/answer/scoreSentences.js';
import { processTerm } from '../../src/search/analyzeText.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { wordVectors } from '../../src/search/wordVectors.js';
import { indexFolder, seedsDir } from '../helpers.js';

const terms = (...words: string[]) => words.map((word) => processTerm(word));

describe('countedTerms', () => {
  it('reads what "how many" counts, up to the verb, leaving out the subjects', () => {
    const question = 'How many World Cup goals did Mia Hamm score in 1999?';
    expect(countedTerms(question, terms('mia', 'hamm') as string[])).toEqual(
      terms('world', 'cup', 'goals'),
    );
    expect(countedTerms(question, terms('world', 'cup', 'mia', 'hamm') as string[])).toEqual(
      terms('goals'),
    );
    expect(countedTerms('how many passengers flew BA', terms('ba') as string[])).toEqual(
      terms('passengers', 'flew'),
    );
  });

  it('counts nothing for other questions', () => {
    expect(countedTerms('When were the missiles launched?', [])).toEqual([]);
    expect(countedTerms('How much did it cost?', [])).toEqual([]);
  });
});

describe('namesCountedThing', () => {
  let seed: PassageIndex;
  let missiles: Candidate;
  beforeAll(async () => {
    seed = await indexFolder(seedsDir);
    const [hit] = seed.search('ballistic missiles drones', 1);
    if (!hit) throw new Error('the seed has no passage on missiles');
    const sentence = hit.passage.paragraph.sentences.find((s) => s.text.includes('71'));
    if (!sentence) throw new Error('the seed passage lost its count');
    missiles = { hit, sentence, score: 0, features: {} as Candidate['features'] };
  });

  it('finds the counted thing, or a word close to it, in the sentence', () => {
    const vectors = wordVectors();
    expect(namesCountedThing(seed, vectors, terms('missiles') as string[], missiles)).toBe(true);
    expect(namesCountedThing(seed, vectors, terms('rockets') as string[], missiles)).toBe(true);
    expect(namesCountedThing(seed, vectors, terms('passengers') as string[], missiles)).toBe(false);
    expect(namesCountedThing(seed, vectors, [], missiles)).toBe(true);
  });

  it('keeps a count of what was asked as sure as before', () => {
    const answer = answerQuestion(seed, 'How many ballistic missiles were launched?');
    expect(answer.signals?.typeFit).toBe(1);
    expect(answer.confidenceLevel).toBe('high');
  });
});
