import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import {
  estimateConfidence,
  HIGH_CONFIDENCE,
  LOW_CONFIDENCE,
  levelOf,
  MIN_SOFT_OVERLAP,
} from '../../src/answer/estimateConfidence.js';
import { indexFolder, seedsDir } from '../helpers.js';

const signals = {
  coverage: 0.8,
  sentenceScore: 14,
  margin: 0.3,
  typeFit: 1,
  typed: 1,
  topPassage: 1,
  subjects: 1,
  relation: 1,
  share: 0.6,
  soft: 1,
};

describe('estimateConfidence', () => {
  it('grows with the sentence score and its lead over other passages', () => {
    expect(estimateConfidence({ ...signals, sentenceScore: 14.5 })).toBeGreaterThan(
      estimateConfidence(signals),
    );
    expect(estimateConfidence({ ...signals, margin: 0.8 })).toBeGreaterThan(
      estimateConfidence(signals),
    );
    for (const value of [
      estimateConfidence(signals),
      estimateConfidence({ ...signals, margin: -5 }),
    ]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('labels confidence in three steps', () => {
    expect(levelOf(HIGH_CONFIDENCE)).toBe('high');
    expect(levelOf(HIGH_CONFIDENCE - 0.001)).toBe('medium');
    expect(levelOf(LOW_CONFIDENCE)).toBe('medium');
    expect(levelOf(LOW_CONFIDENCE - 0.001)).toBe('low');
  });

  it('never labels high an answer from a story that lacks one of the question’s subjects', () => {
    const fits = { typed: 1, typeFit: 1, soft: 1 };
    expect(levelOf(0.99, { ...fits, subjects: 1 })).toBe('high');
    expect(levelOf(0.99, { ...fits, subjects: 0.5 })).toBe('medium');
    expect(levelOf(0.3, { ...fits, subjects: 0 })).toBe('low');
  });

  it('labels low an answer that lacks the kind of fact the question asks for', () => {
    expect(levelOf(0.99, { subjects: 1, typed: 1, typeFit: 0, soft: 1 })).toBe('low');
    expect(levelOf(0.99, { subjects: 1, typed: 1, typeFit: 1, soft: 1 })).toBe('high');
  });

  it('never labels high an answer to a question that asks for no kind of fact', () => {
    expect(levelOf(0.99, { subjects: 1, typed: 0, typeFit: 0, soft: 1 })).toBe('medium');
    expect(levelOf(0.3, { subjects: 1, typed: 0, typeFit: 0, soft: 1 })).toBe('low');
  });

  it('labels low an answer whose sentence holds little of what was asked of the subjects', () => {
    const fits = { subjects: 1, typed: 1, typeFit: 1 };
    expect(levelOf(0.99, { ...fits, soft: MIN_SOFT_OVERLAP })).toBe('high');
    expect(levelOf(0.99, { ...fits, soft: MIN_SOFT_OVERLAP - 0.01 })).toBe('low');
  });

  it('grows with the chosen sentence’s share of the candidates', () => {
    expect(estimateConfidence({ ...signals, share: 0.9 })).toBeGreaterThan(
      estimateConfidence(signals),
    );
  });

  it('is high for the seed’s clear answer and zero when nothing is found', async () => {
    const seed = await indexFolder(seedsDir);
    const clear = answerQuestion(seed, 'How many ballistic missiles were launched?');
    expect(clear.confidenceLevel).toBe('high');
    const none = answerQuestion(seed, 'Who won the 2004 World Series?');
    expect(none).toMatchObject({ found: false, confidence: 0, confidenceLevel: 'low' });
  });

  it('words a low-confidence answer as unsure, and only such an answer', async () => {
    const seed = await indexFolder(seedsDir);
    for (const q of [
      'Who is Zelenskyy?',
      'What about energy?',
      'Where are the talks being held?',
    ]) {
      const answer = answerQuestion(seed, q);
      if (!answer.found) continue;
      expect(answer.text.startsWith("I'm not sure, but the closest passage says: "), q).toBe(
        answer.confidenceLevel === 'low',
      );
    }
  });
});
