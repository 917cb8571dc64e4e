import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSquadCorpus } from '../../bench/lib/squadCorpus';
import { containsAnswer } from '../../bench/lib/squadMetrics';
import { answerQuestion } from '../../src/answer/answerQuestion';
import {
  estimateConfidence,
  HIGH_CONFIDENCE,
  LOW_CONFIDENCE,
  levelOf,
} from '../../src/answer/estimateConfidence';
import { indexFolder, projectRoot, seedsDir } from '../helpers';

const signals = { coverage: 0.8, sentenceScore: 2, margin: 0.3, typeFit: 1, topPassage: 1 };

describe('estimateConfidence', () => {
  it('grows with the sentence score and its lead over other passages', () => {
    expect(estimateConfidence({ ...signals, sentenceScore: 2.5 })).toBeGreaterThan(
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

describe('confidence on SQuAD (calibration)', () => {
  let dir: string;
  const outcomes: { level: string; correct: boolean }[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-squad-test-'));
    const file = path.resolve(projectRoot, '../shared/data/squad/squad-v1.1-dev-half-a.json');
    const questions = await writeSquadCorpus(file, dir);
    const index = await indexFolder(dir);
    for (const q of questions.filter((_, i) => i % 5 === 0)) {
      const answer = answerQuestion(index, q.question);
      if (!answer.found) continue;
      const correct = containsAnswer(answer.text.slice(0, 300), q.answers);
      outcomes.push({ level: answer.confidenceLevel, correct });
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const accuracy = (level: string) => {
    const group = outcomes.filter((o) => o.level === level);
    return group.filter((o) => o.correct).length / group.length;
  };

  it('is right at least 90% of the time when it says high', () => {
    expect(outcomes.filter((o) => o.level === 'high').length).toBeGreaterThan(300);
    expect(accuracy('high')).toBeGreaterThanOrEqual(0.9);
  });

  it('is right less often at each lower level', () => {
    expect(accuracy('high')).toBeGreaterThan(accuracy('medium'));
    expect(accuracy('medium')).toBeGreaterThan(accuracy('low'));
  });
});
