import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerWithEvidence } from '../../src/answer/answerQuestion.js';
import { widerEvidence } from '../../src/model/widerEvidence.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { indexFolder } from '../helpers.js';

/** Three short stories; the court story says "trial" where a reader says "case". */
const STORIES: Record<string, string> = {
  'worldcom-trial.txt':
    'WorldCom founder faces a jury\n\nThe fraud trial of the former WorldCom boss opened in New York on Monday. It is expected to last two months.',
  'markets.txt':
    'Shares slide after a long day of trading\n\nShares in London fell after a long day of trading, as oil prices rose again.',
  'cricket.txt':
    'England take the series\n\nEngland won the final test by six wickets to take the series.',
};

describe('the wider evidence a language model reads', () => {
  let dir: string;
  let index: PassageIndex;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-wider-'));
    for (const [name, text] of Object.entries(STORIES)) await writeFile(path.join(dir, name), text);
    index = await indexFolder(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const articlesOf = (hits: readonly { passage: { article: { id: string } } }[]) =>
    hits.map((h) => h.passage.article.id);

  it('finds a story told in other words than the question’s, which the quoted search misses', () => {
    const question = 'How long will the case go on?';
    const plain = answerWithEvidence(index, question).evidence;
    expect(articlesOf(plain.hits)).not.toContain('worldcom-trial');
    const wider = widerEvidence(index, question, plain);
    expect(articlesOf(wider.hits)).toContain('worldcom-trial');
    expect(
      wider.candidates.some((c) => c.sentence.text.includes('expected to last two months')),
    ).toBe(true);
  });

  it('keeps every passage the quoted search found, first, and its best sentences in turns', () => {
    for (const question of ['How long will the case go on?', 'who won the final test']) {
      const plain = answerWithEvidence(index, question).evidence;
      const wider = widerEvidence(index, question, plain);
      expect(wider.hits.slice(0, plain.hits.length)).toEqual(plain.hits);
      expect(wider.candidates[0]?.sentence).toBe(plain.candidates[0]?.sentence);
      const sentences = wider.candidates.map((c) => c.sentence);
      expect(new Set(sentences).size).toBe(sentences.length);
      for (const c of plain.candidates) expect(sentences).toContain(c.sentence);
    }
  });

  it('leaves the quoted answer as it was', () => {
    const question = 'How long will the case go on?';
    const { answer: before, evidence } = answerWithEvidence(index, question);
    widerEvidence(index, question, evidence);
    expect(answerWithEvidence(index, question).answer).toEqual(before);
  });
});
