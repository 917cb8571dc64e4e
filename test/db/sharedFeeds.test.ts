import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../cli/runCliProcess.js';
import { type NewsSite, startNewsSite } from '../delivery/loopbackNewsSite.js';
import { type BotProcess, spawnBot } from '../discord/botProcess.js';
import { FakeDiscord } from '../discord/fakeDiscord.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

/**
 * Several processes, each on a host of its own (its own articles folder and DATA_DIR), follow
 * one feed through one database: one of them polls at a time, over the memory every one of
 * them shares, so each item's page is fetched once.
 */
describe('feeds followed by several processes on one database', () => {
  let cluster: PostgresCluster;
  let news: NewsSite;
  let work: string;
  let pool: pg.Pool;

  beforeAll(async () => {
    cluster = await startPostgres();
    news = await startNewsSite();
    work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-shared-feeds-'));
    pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await news?.close();
    cluster?.remove();
    await rm(work, { recursive: true, force: true });
  });

  /** How often each published item's page was fetched. */
  const fetches = () =>
    news.items.map((slug) => news.site.requests.filter((r) => r === `GET /p/${slug}.html`).length);
  /** Resolves when `check` holds, polling; fails after `ms`. */
  const until = async (check: () => Promise<boolean>, ms: number) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const storedFromFeed = async () =>
    (await pool.query("SELECT count(*)::int AS n FROM articles WHERE id LIKE 'web/%'")).rows[0]
      ?.n as number;
  const host = async (name: string) => {
    const dir = path.join(work, name);
    await mkdir(path.join(dir, 'articles'), { recursive: true });
    return {
      SEEDS_DIR: path.join(dir, 'articles'),
      DATA_DIR: path.join(dir, 'data'),
      CACHE_DIR: path.join(dir, 'cache'),
      DATABASE_URL: cluster.url,
      ALLOW_PRIVATE_URLS: 'true',
      FEED_HOST_PAUSE_SECONDS: '0',
      // The shared memory says when the feed is next due, whoever polled it last.
      FEED_POLL_MINUTES: '0.05',
    };
  };

  it('three cli feeds --once at the same moment fetch each item once', async () => {
    news.publish(4);
    const runs = await Promise.all(
      ['a', 'b', 'c'].map(async (name) => {
        const env = await host(`cli-${name}`);
        // Each host's own folder: the CLI reads --seeds, never SEEDS_DIR.
        return runCliProcess(
          ['feeds', '--once', '--feed', news.feedUrl, '--seeds', env.SEEDS_DIR],
          {
            env: { ...env, LOG_LEVEL: 'warn' },
            timeoutMs: 90_000,
          },
        );
      }),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const added = runs.flatMap((run) =>
      run.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { status: string }),
    );
    expect(added.filter((line) => line.status === 'added')).toHaveLength(4);
    expect(fetches()).toEqual([1, 1, 1, 1]);
    expect(await storedFromFeed()).toBe(4);
  });

  it('three bots poll in turn: one holds the job, and another takes it when that one dies', async () => {
    const fake = await FakeDiscord.start();
    const bots: BotProcess[] = [];
    try {
      for (const name of ['a', 'b', 'c']) {
        const env = await host(`bot-${name}`);
        const feedsFile = path.join(work, `bot-${name}`, 'feeds.yml');
        await writeFile(feedsFile, `- ${news.feedUrl}\n`);
        bots.push(
          spawnBot(
            fake,
            { ...env, FEEDS_FILE: feedsFile, LOG_LEVEL: 'info' },
            { killAfterMs: 120_000 },
          ),
        );
      }
      const polling = () =>
        bots.filter(
          (bot) => bot.logs.filter((l) => l.msg === 'this process now polls the feeds').length > 0,
        );
      await fake.waitFor(() => polling().length > 0 || undefined, 40_000);
      const before = await storedFromFeed();
      news.publish(2);
      await until(async () => (await storedFromFeed()) === before + 2, 30_000);
      expect(polling()).toHaveLength(1);

      const [holder] = polling();
      holder?.stop();
      news.publish(2);
      await until(async () => (await storedFromFeed()) === before + 4, 40_000);
      expect(polling()).toHaveLength(2);
      expect(fetches().every((count) => count === 1)).toBe(true);
    } finally {
      for (const bot of bots) bot.stop();
      await fake.close();
    }
  });
});
