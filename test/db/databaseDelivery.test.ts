import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../src/store/postgres/JobLock.js';
import { runCliProcess } from '../cli/runCliProcess.js';
import { type NewsSite, startNewsSite } from '../delivery/loopbackNewsSite.js';
import { type BotProcess, spawnBot } from '../discord/botProcess.js';
import { FakeDiscord, MANAGER_PERMISSIONS } from '../discord/fakeDiscord.js';
import { newsroomDir } from '../helpers.js';
import { importFolder } from './newsroomArchive.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

const NEWS_CHANNEL = '760000000000000001';
const ALERT_CHANNEL = '760000000000000002';

type Embed = { title?: string; url?: string; footer?: { text: string } };
type Log = { msg: string };

/**
 * Two hosts of one bot (shard 0 and shard 1 of two) share one database and nothing else: each
 * has its own articles folder and DATA_DIR. Whichever holds the feed job polls and delivers;
 * the follows, alerts and the deliverer's record are in the database, so the other carries on
 * when it dies.
 */
describe('follows and alerts with DATABASE_URL, delivered by one of two hosts', () => {
  let cluster: PostgresCluster;
  let fake: FakeDiscord;
  let news: NewsSite;
  let work: string;
  const hosts: BotProcess[] = [];

  const startHost = (shard: number, extra: Record<string, string> = {}) =>
    spawnBot(
      fake,
      {
        DATABASE_URL: cluster.url,
        SHARD_COUNT: '2',
        SHARD_IDS: String(shard),
        SEEDS_DIR: path.join(work, `host-${shard}`, 'articles'),
        DATA_DIR: path.join(work, `host-${shard}`, 'data'),
        CACHE_DIR: path.join(work, `host-${shard}`, 'cache'),
        FEEDS_FILE: path.join(work, 'no-feeds.yml'),
        FEED_POLL_MINUTES: '0.05',
        FEED_HOST_PAUSE_SECONDS: '0',
        ALLOW_PRIVATE_URLS: 'true',
        LOG_LEVEL: 'info',
        ...extra,
      },
      { killAfterMs: 170_000 },
    );
  const posts = (channel: string) =>
    fake.postsIn(channel).map((m) => (m.embeds as Embed[])[0] as Embed);
  const deliveries = async () => {
    const run = await runCliProcess(['deliveries'], {
      env: { DATABASE_URL: cluster.url, LOG_LEVEL: 'warn' },
    });
    expect(run.code, run.stderr).toBe(0);
    return run.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { kind: string; status: string; url?: string });
  };
  const sql = async <T extends pg.QueryResultRow>(text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  };
  /** The follows the deliverer has counted the backlog of, in its record in the database. */
  const primedFollows = async () =>
    (
      await sql<{ count: number | null }>(
        "SELECT (SELECT count(*) FROM jsonb_object_keys(state->'follows'))::int AS count FROM delivery_state",
      )
    )[0]?.count ?? 0;
  const holder = () =>
    hosts.find((host) =>
      (host.logs as Log[]).some((l) => l.msg === 'this process now polls the feeds'),
    );

  beforeAll(async () => {
    cluster = await startPostgres();
    fake = await FakeDiscord.start({ shards: 2 });
    news = await startNewsSite();
    work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-db-delivery-'));
    for (const shard of [0, 1])
      await mkdir(path.join(work, `host-${shard}`, 'articles'), { recursive: true });
    await importFolder(newsroomDir, cluster.url);
  });
  afterAll(async () => {
    for (const host of hosts) host.stop();
    await fake?.close();
    await news?.close();
    cluster?.remove();
    await rm(work, { recursive: true, force: true });
  });

  it('posts each new item once, an alert on the one about its topic, and carries on when the delivering host dies', async () => {
    hosts.push(startHost(0), startHost(1));
    await fake.waitFor(
      () =>
        hosts.every((host) => (host.logs as Log[]).some((l) => l.msg === 'connected to Discord')),
      40_000,
    );
    const first = await fake.waitFor(holder, 20_000);
    // The server lives on shard 1: its commands are handled by the second host, whichever polls.
    const guild = fake.guildOnShard(1, 2);
    const admin = fake.newUser(MANAGER_PERMISSIONS);
    news.publish(2);
    const followed = fake.sendCommand(
      'follow',
      [
        { name: 'feed', type: 3, value: news.feedUrl },
        { name: 'channel', type: 7, value: NEWS_CHANNEL },
      ],
      admin,
      guild,
    );
    const alerted = fake.sendCommand(
      'alert',
      [
        { name: 'topic', type: 3, value: 'dockers strike' },
        { name: 'channel', type: 7, value: ALERT_CHANNEL },
      ],
      admin,
      guild,
    );
    await fake.waitFor(
      () => fake.requestsTo('PATCH', new RegExp(`/webhooks/\\d+/${followed.token}/`))[0],
      20_000,
    );
    await fake.waitFor(
      () => fake.requestsTo('POST', new RegExp(`/interactions/${alerted.id}/`))[0],
      10_000,
    );
    // The backlog (two items) is counted at the first read after the follow, and not posted.
    const primedBy = Date.now() + 40_000;
    while ((await primedFollows()) === 0) {
      expect(Date.now()).toBeLessThan(primedBy);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(posts(NEWS_CHANNEL)).toHaveLength(0);

    news.publish(3);
    await fake.waitFor(() => posts(NEWS_CHANNEL).length >= 3, 40_000);
    await fake.waitFor(() => posts(ALERT_CHANNEL).length >= 1, 20_000);

    // The delivering host dies; the other takes the feeds and the delivery over.
    first.child.kill('SIGKILL');
    const second = hosts.find((host) => host !== first) as BotProcess;
    await fake.waitFor(
      () => (second.logs as Log[]).some((l) => l.msg === 'this process now polls the feeds'),
      20_000,
    );
    news.publish(2);
    await fake.waitFor(() => posts(NEWS_CHANNEL).length >= 5, 40_000);
    await new Promise((resolve) => setTimeout(resolve, 8000));

    expect(posts(NEWS_CHANNEL).map((embed) => embed.url)).toEqual(
      news.items.slice(2).map(news.pageUrl),
    );
    const alerts = posts(ALERT_CHANNEL);
    expect(alerts.map((embed) => embed.title)).toEqual([
      'Dockers at Ellsmouth port begin three-day strike',
    ]);
    expect(alerts[0]?.footer?.text).toMatch(/^Alert: dockers strike/);
    const recorded = await deliveries();
    expect(
      recorded.filter((line) => line.kind === 'follow' && line.status === 'sent'),
    ).toHaveLength(5);
    expect(recorded.filter((line) => line.kind === 'alert' && line.status === 'sent')).toHaveLength(
      1,
    );
    expect(second.output()).not.toContain(new URL(cluster.url).password);
  }, 180_000);

  it('with SHARD_PROCESSES, lets only the manager take the feed job, and it delivers', async () => {
    for (const host of hosts) host.stop();
    await Promise.all(hosts.map((host) => host.exited));
    const before = posts(NEWS_CHANNEL).length;
    const bot = startHost(0, { SHARD_PROCESSES: '2', SHARD_COUNT: '', SHARD_IDS: '' });
    hosts.push(bot);
    const logs = bot.logs as Log[];
    await fake.waitFor(() => logs.find((l) => l.msg === 'all shard processes ready'), 60_000);
    await fake.waitFor(
      () => logs.find((l) => l.msg === 'this process now polls the feeds'),
      20_000,
    );
    // The job's session is cut three times; each time the manager must be the one to take it
    // again, as a shard process that took it would never poll.
    for (let cut = 1; cut <= 3; cut++) {
      await sql(
        `SELECT pg_terminate_backend(pid) FROM pg_locks
         WHERE locktype = 'advisory' AND objid = ${JOBS.feedPoller} AND granted`,
      );
      await fake.waitFor(
        () => logs.filter((l) => l.msg === 'this process now polls the feeds').length > cut,
        20_000,
      );
    }
    news.publish(1);
    await fake.waitFor(() => posts(NEWS_CHANNEL).length > before, 40_000);
    expect(posts(NEWS_CHANNEL).at(-1)?.url).toBe(news.pageUrl(news.items.at(-1) as string));
    // The manager took the job at start and after each cut; no shard process ever tried.
    expect(logs.filter((l) => l.msg === 'this process now polls the feeds')).toHaveLength(4);
  }, 120_000);
});
