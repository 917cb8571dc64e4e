import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FeedbackRecord, FeedbackStore } from '../../src/feedback/FeedbackStore.js';
import { summarizeFeedback } from '../../src/feedback/summarizeFeedback.js';

const record = (question: string, extra: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  kind: 'unanswered',
  question,
  answer: "I couldn't find an answer to that in the 3 articles I have.",
  citations: [{ articleId: 'politics/001', passage: 2 }],
  time: '2026-11-24T10:00:00.000Z',
  guildId: '111111111111111111',
  userHash: 'abcdef0123456789',
  ...extra,
});

describe('FeedbackStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-feedback-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its records across a restart', () => {
    const store = FeedbackStore.open(dir);
    store.append(record('Who won the cup?'));
    store.append(record('Who won the cup?', { kind: 'vote', vote: 'down', messageId: 'm1' }));
    const reopened = FeedbackStore.open(dir);
    expect(reopened.read()).toEqual({
      records: [
        record('Who won the cup?'),
        record('Who won the cup?', { kind: 'vote', vote: 'down', messageId: 'm1' }),
      ],
      skipped: 0,
    });
    expect(reopened.hasVoted('m1', 'abcdef0123456789')).toBe(true);
    expect(reopened.hasVoted('m2', 'abcdef0123456789')).toBe(false);
  });

  it('skips a torn last record left by a crash, and the next record starts clean', () => {
    const store = FeedbackStore.open(dir);
    store.append(record('first'));
    const file = path.join(dir, 'feedback.log');
    const whole = readFileSync(file, 'utf8');
    appendFileSync(file, whole.slice(0, 30)); // a crash in the middle of the second write
    expect(
      FeedbackStore.open(dir)
        .read()
        .records.map((r) => r.question),
    ).toEqual(['first']);
    const reopened = FeedbackStore.open(dir);
    reopened.append(record('third'));
    expect(reopened.read()).toEqual({
      records: [record('first'), record('third')],
      skipped: 0,
    });
  });

  it('skips a damaged line whose checksum does not match', () => {
    const store = FeedbackStore.open(dir);
    store.append(record('kept'));
    store.append(record('changed on disk'));
    const file = path.join(dir, 'feedback.log');
    writeFileSync(file, readFileSync(file, 'utf8').replace('changed on disk', 'changed on dusk'));
    expect(store.read()).toMatchObject({ records: [{ question: 'kept' }], skipped: 1 });
  });

  it('stays within its size bound, dropping the oldest records first', () => {
    const store = FeedbackStore.open(dir, { maxBytes: 4000 });
    for (let i = 0; i < 200; i++) store.append(record(`question number ${i}`));
    const file = path.join(dir, 'feedback.log');
    expect(statSync(file).size).toBeLessThanOrEqual(4000);
    const questions = store.read().records.map((r) => r.question);
    expect(questions.at(-1)).toBe('question number 199');
    expect(questions).not.toContain('question number 0');
    expect(questions.length).toBeGreaterThan(5);
  });

  it('hashes user ids with a key of its own, the same way after a restart', () => {
    const store = FeedbackStore.open(dir);
    const hash = store.hashUser('123456789012345678');
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(hash).not.toContain('123456789012345678');
    expect(FeedbackStore.open(dir).hashUser('123456789012345678')).toBe(hash);
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-feedback-'));
    expect(FeedbackStore.open(elsewhere).hashUser('123456789012345678')).not.toBe(hash);
    rmSync(elsewhere, { recursive: true, force: true });
  });
});

describe('summarizeFeedback', () => {
  it('lists the gaps and the down-voted answers, most frequent first, per server', () => {
    const records = [
      record('Who won the cup?'),
      record('who won the cup'),
      record('Who won the cup? ', { time: '2026-11-24T12:00:00.000Z' }),
      record('What is the budget?', { kind: 'low-confidence' }),
      record('What did the minister say?', { kind: 'vote', vote: 'down' }),
      record('How many drones?', { kind: 'vote', vote: 'up' }),
      record('Other server question', { guildId: '222222222222222222' }),
    ];
    const summary = summarizeFeedback(records, '111111111111111111');
    expect(summary).toMatchObject({ upVotes: 1, downVotes: 1, unanswered: 3, lowConfidence: 1 });
    expect(summary.gaps.map((g) => [g.question, g.count])).toEqual([
      ['Who won the cup?', 3],
      ['What is the budget?', 1],
    ]);
    expect(summary.gaps[0]?.lastAsked).toBe('2026-11-24T12:00:00.000Z');
    expect(summary.downVoted.map((g) => g.question)).toEqual(['What did the minister say?']);
    expect(summarizeFeedback(records).gaps).toHaveLength(3);
  });
});

describe('FeedbackStore shared by several processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-feedback-shared-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps one log per process that shares the folder, and reads all of them: 200 votes, none lost', () => {
    const hostA = FeedbackStore.open(dir, { name: 'shards-0-1' });
    const hostB = FeedbackStore.open(dir, { name: 'shards-2-3' });
    for (let i = 0; i < 200; i++) {
      const time = new Date(Date.UTC(2026, 10, 24, 10, 0, i)).toISOString();
      (i % 2 ? hostB : hostA).append(
        record(`question ${i}`, {
          kind: 'vote',
          vote: i % 3 ? 'up' : 'down',
          messageId: `m${i}`,
          time,
        }),
      );
    }
    const { records, skipped } = FeedbackStore.readFrom(dir);
    expect(skipped).toBe(0);
    expect(records.map((r) => r.question)).toEqual(
      Array.from({ length: 200 }, (_, i) => `question ${i}`),
    );
    expect(hostA.read().records).toHaveLength(200);
    const summary = summarizeFeedback(records);
    expect(summary.upVotes + summary.downVotes).toBe(200);
  });

  it('compacts only its own log', () => {
    const small = FeedbackStore.open(dir, { name: 'small', maxBytes: 2000 });
    const other = FeedbackStore.open(dir, { name: 'other' });
    other.append(record('kept elsewhere'));
    for (let i = 0; i < 30; i++) small.append(record(`q${i}`));
    const questions = FeedbackStore.readFrom(dir).records.map((r) => r.question);
    expect(questions).toContain('kept elsewhere');
    expect(questions).toContain('q29');
    expect(questions).not.toContain('q0');
  });
});
