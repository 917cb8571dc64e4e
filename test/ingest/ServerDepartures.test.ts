import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerDepartures } from '../../src/ingest/ServerDepartures.js';

const DAY = 24 * 60 * 60 * 1000;

describe('ServerDepartures', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const setUp = async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-departures-'));
    dirs.push(work);
    const seeds = path.join(work, 'articles');
    for (const guild of ['111', '222']) {
      await mkdir(path.join(seeds, 'servers', guild, 'web'), { recursive: true });
      await writeFile(path.join(seeds, 'servers', guild, 'web', 'story.md'), 'Story\n\nText.\n');
    }
    await writeFile(path.join(seeds, 'shared.txt'), 'Shared\n\nText.\n');
    return { work, seeds };
  };

  it('keeps a left server’s articles through the grace period, then removes them and nothing else', async () => {
    const { work, seeds } = await setUp();
    let time = Date.UTC(2026, 0, 1);
    const departures = new ServerDepartures(path.join(work, 'data'), seeds, {
      keepDays: 30,
      now: () => time,
    });
    await departures.left('111');
    time += 29 * DAY;
    expect(await departures.sweep()).toEqual([]);
    expect(await readdir(path.join(seeds, 'servers'))).toEqual(['111', '222']);
    time += 2 * DAY;
    expect(await departures.sweep()).toEqual(['111']);
    expect(await readdir(path.join(seeds, 'servers'))).toEqual(['222']);
    expect((await readdir(seeds)).sort()).toEqual(['servers', 'shared.txt']);
    expect(await readdir(path.join(work, 'data', 'servers-left'))).toEqual([]);
  });

  it('forgets the departure when the bot is back in the server', async () => {
    const { work, seeds } = await setUp();
    let time = Date.UTC(2026, 0, 1);
    const departures = new ServerDepartures(path.join(work, 'data'), seeds, {
      keepDays: 30,
      now: () => time,
    });
    await departures.left('222');
    await departures.present('222');
    time += 60 * DAY;
    expect(await departures.sweep()).toEqual([]);
    expect(await readdir(path.join(seeds, 'servers'))).toEqual(['111', '222']);
    await departures.left('../../etc');
    expect(await departures.sweep()).toEqual([]);
  });
});
