import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerWithEvidence } from '../../src/answer/answerQuestion.js';
import { buildContext, type ModelContext } from '../../src/model/buildContext.js';
import { checkReply } from '../../src/model/checkReply.js';
import { PROMPT } from '../../src/model/prompt.js';
import { readNumbers } from '../../src/model/readFacts.js';
import { widerEvidence } from '../../src/model/widerEvidence.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { indexFolder, newsroomDir, projectRoot } from '../helpers.js';

/** Answers a model could rightly give, written for the tests: `{n}` is the number of `article`'s passage. */
const GOOD_ANSWERS = readFileSync(
  path.join(projectRoot, 'test/fixtures/model-answers.jsonl'),
  'utf8',
)
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { article: string; question: string; answer: string });

describe('checking a model reply against the passages it was sent', () => {
  let newsroom: PassageIndex;
  const contextFor = (question: string): ModelContext => {
    // As the model path builds it: the quoted answer, then the wider search.
    const { answer, evidence } = answerWithEvidence(newsroom, question);
    return buildContext(question, widerEvidence(newsroom, question, evidence), answer);
  };
  beforeAll(async () => {
    newsroom = await indexFolder(newsroomDir);
  });

  it(`passes at least 95% of ${GOOD_ANSWERS.length} correct answers whole`, () => {
    expect(GOOD_ANSWERS.length).toBeGreaterThanOrEqual(50);
    const failed: string[] = [];
    for (const { article, question, answer } of GOOD_ANSWERS) {
      const context = contextFor(question);
      const passage = context.passages.find((p) => p.article.id === article);
      expect(passage, `${article} is among the passages for "${question}"`).toBeDefined();
      const reply = answer
        .replaceAll('{n}', `[${passage?.number}]`)
        .replace('[[', '[')
        .replace(']]', ']');
      const checked = checkReply(
        reply.replace(/\[\[(\d+)\], \[(\d+)\]\]/, '[$1, $2]'),
        context.passages,
      );
      if (checked.dropped.length > 0 || checked.sentences.length === 0)
        failed.push(`${reply} → ${checked.dropped.map((d) => d.reason).join(', ')}`);
    }
    expect(failed.length / GOOD_ANSWERS.length, failed.join('\n')).toBeLessThanOrEqual(0.05);
  });

  it('reads citations written [1], [1][2], [1, 2] and after the full stop', () => {
    const context = contextFor('How many phones is Voltis recalling?');
    const n = context.passages.find((p) => p.article.id === 'tech/phone-battery-recall')?.number;
    for (const form of [`[${n}]`, `[${n}][${n}]`, `[${n}, ${n}]`]) {
      const checked = checkReply(`Voltis is recalling 80,000 phones ${form}.`, context.passages);
      expect(checked.sentences).toEqual([
        { text: 'Voltis is recalling 80,000 phones.', passages: [n] },
      ]);
    }
    expect(
      checkReply(`Voltis is recalling 80,000 phones. [${n}]`, context.passages).sentences,
    ).toHaveLength(1);
  });

  it('drops uncited sentences, unknown passages, and numbers or names the cited passage lacks', () => {
    const context = contextFor('How many phones is Voltis recalling?');
    const n = context.passages.find((p) => p.article.id === 'tech/phone-battery-recall')?.number;
    const other = context.passages.find((p) => p.number !== n)?.number ?? 99;
    const checked = checkReply(
      [
        'Voltis is recalling phones.',
        `Voltis is recalling 90,000 phones [${n}].`,
        `The recall was ordered by Samsung [${n}].`,
        `Voltis is recalling phones [${context.passages.length + 1}].`,
        `Voltis is recalling 80,000 phones [${other}].`,
        `Owners can get a full refund [${n}].`,
      ].join(' '),
      context.passages,
    );
    expect(checked.dropped.map((d) => d.reason)).toEqual([
      'uncited',
      'number-not-in-passages',
      'name-not-in-passages',
      'unknown-passage',
      'number-not-in-passages',
    ]);
    expect(checked.sentences.map((s) => s.text)).toEqual(['Owners can get a full refund.']);
  });

  it('reads the fixed decline, and never mistakes a cited answer for one', () => {
    expect(checkReply(PROMPT.decline, []).declined).toBe(true);
    expect(checkReply('Not in the passages.', []).declined).toBe(true);
    expect(checkReply('The rise is 4% [1].', []).declined).toBe(false);
  });

  it('reads numbers in figures, in words and with their scale alike', () => {
    expect(readNumbers('seventy-one')).toEqual([[71]]);
    expect(readNumbers('$1.4bn')).toEqual([[1.4, 1_400_000_000]]);
    expect(readNumbers('1.4 billion dollars')).toEqual([[1.4, 1_400_000_000]]);
    expect(readNumbers('2,100 people and 4.9%')).toEqual([[2100], [4.9]]);
    expect(readNumbers('one of them')).toEqual([]);
  });
});
