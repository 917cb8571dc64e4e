import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers.js';
import { runCliProcess } from './runCliProcess.js';

/**
 * Copies of one story from three sites (`gazette`, `herald`, `wire`), another story, an older
 * one and an undated file, in `test/fixtures/briefing`.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-briefing-'));
  await cp(path.join(projectRoot, 'test/fixtures/briefing'), dir, { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (args: string[]) =>
  runCliProcess(args, { env: { CACHE_DIR: path.join(dir, '.cache'), LOG_LEVEL: 'warn' } });

describe('cli briefing', () => {
  it('lists the day’s stories newest first, one copy-joined item per story with each source', async () => {
    const { code, stdout } = await cli([
      'briefing',
      '--seeds',
      dir,
      '--at',
      '2025-03-05T08:00',
      '--timezone',
      'Europe/Berlin',
    ]);
    expect(code).toBe(0);
    const briefing = JSON.parse(stdout);
    expect(briefing).toMatchObject({
      at: '2025-03-05T08:00:00.000+01:00',
      timezone: 'Europe/Berlin',
      from: '2025-03-04T08:00:00.000+01:00',
    });
    expect(briefing.items.map((i: { title: string }) => i.title)).toEqual([
      'Ellsmouth bridge closure announced',
      'Kiprop breaks marathon record',
    ]);
    const [bridge] = briefing.items;
    expect(bridge.articleIds).toEqual(['wire', 'herald', 'gazette']);
    expect(bridge.sources).toEqual([
      'coast-wire.example',
      'harwick-herald.example',
      'ellsmouth-gazette.example',
    ]);
    expect(bridge.citation).toEqual({ articleId: 'wire', passage: 1 });
    expect(bridge.line).toMatch(/^The Harbour Bridge in Ellsmouth will close/);
  });

  it('starts from the last briefing when given, and says what is wrong with a bad time', async () => {
    const since = JSON.parse(
      (
        await cli([
          'briefing',
          '--seeds',
          dir,
          '--at',
          '2025-03-05T08:00Z',
          '--since',
          '2025-03-04T19:00Z',
        ])
      ).stdout,
    );
    expect(since.items.map((i: { articleIds: string[] }) => i.articleIds)).toEqual([
      ['wire'],
      ['marathon'],
    ]);
    const bad = await cli(['briefing', '--seeds', dir, '--at', 'tomorrow morning']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--at must be a date and time such as 2025-03-05T08:00\./);
    const zone = await cli([
      'briefing',
      '--seeds',
      dir,
      '--at',
      '2025-03-05T08:00',
      '--timezone',
      'Mars/Base',
    ]);
    expect(zone.code).toBe(2);
  });
});
