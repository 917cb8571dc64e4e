import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSquadCorpus } from '../../bench/lib/squadCorpus.js';
import { containsAnswer } from '../../bench/lib/squadMetrics.js';
import { answerQuestion } from '../../src/answer/answerQuestion.js';
import { indexFolder } from '../helpers.js';
import { squadFile } from './sharedData.js';

describe('confidence on SQuAD (calibration)', () => {
  let dir: string;
  const outcomes: { level: string; correct: boolean }[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-squad-test-'));
    const questions = await writeSquadCorpus(squadFile, dir);
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
    // High is withheld from questions that ask for no kind of fact, most of SQuAD's "what is"
    // questions, so about a fifth of its answers are high; a label given to few would say little.
    expect(outcomes.filter((o) => o.level === 'high').length).toBeGreaterThan(150);
    expect(accuracy('high')).toBeGreaterThanOrEqual(0.9);
  });

  it('is right less often at each lower level', () => {
    expect(accuracy('high')).toBeGreaterThan(accuracy('medium'));
    expect(accuracy('medium')).toBeGreaterThan(accuracy('low'));
  });
});
