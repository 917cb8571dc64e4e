import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedbackStore } from '../../src/feedback/FeedbackStore.js';
import { projectRoot } from '../helpers.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'newsdesk-report-'));
const report = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    timeout: 20_000,
  });

describe('npm run report', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says so when there is no feedback yet', () => {
    const run = report();
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      `No feedback yet in ${dataDir}. The Discord bot keeps it as readers ask and vote.\n`,
    );
  });

  it('prints the unanswered and down-voted questions, most frequent first', () => {
    const store = FeedbackStore.open(dataDir);
    const base = {
      answer: 'No answer.',
      citations: [],
      guildId: '111111111111111111',
      userHash: store.hashUser('1'),
    };
    const at = (minute: number) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z`;
    store.append({ ...base, kind: 'unanswered', question: 'Who is the new coach?', time: at(1) });
    store.append({ ...base, kind: 'unanswered', question: 'Who won the cup?', time: at(2) });
    store.append({ ...base, kind: 'low-confidence', question: 'who won the cup', time: at(3) });
    store.append({
      ...base,
      kind: 'vote',
      vote: 'down',
      question: 'When is the vote?',
      time: at(4),
    });
    store.append({ ...base, kind: 'vote', vote: 'up', question: 'How many drones?', time: at(5) });
    const run = report();
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(0, 8)).toEqual([
      'Votes: 1 up, 1 down. Not found: 2. Unsure answers: 1.',
      '',
      'Not found or unsure, most asked first (2):',
      '     2×  Who won the cup?  (last 2026-11-24)',
      '     1×  Who is the new coach?  (last 2026-11-24)',
      '',
      'Voted down, most often first (1):',
      '     1×  When is the vote?  (last 2026-11-24)',
    ]);
    const json = JSON.parse(report('--json').stdout);
    expect(json).toMatchObject({ upVotes: 1, downVotes: 1, skipped: 0 });
    expect(report('--guild', '222222222222222222', '--json').stdout).toContain('"gaps":[]');
  });
});
