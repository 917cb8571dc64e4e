import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers.js';
import { sample } from '../metrics/sample.js';
import { spawnBot } from './botProcess.js';
import { FakeDiscord, GUILD_ID, MANAGER_PERMISSIONS, type RecordedRequest } from './fakeDiscord.js';

type Log = {
  msg: string;
  source?: string;
  process?: number;
  pid?: number;
  killed?: number;
  url?: string;
};
type Body = { data?: Record<string, unknown> & { embeds?: { description?: string }[] } };

describe('SHARD_PROCESSES=2 with 4 shards against a loopback Discord', () => {
  let fake: FakeDiscord;
  let work: string;
  beforeAll(async () => {
    fake = await FakeDiscord.start({ shards: 4 });
    work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-shard-processes-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(work, { recursive: true, force: true });
  });

  it('builds the index once, registers once, answers and counts votes on every shard, restarts a dead process, stops on SIGTERM', async () => {
    const guilds = [GUILD_ID, ...[0, 1, 2, 3].map((shard) => fake.guildOnShard(shard, 4))];
    const settings = {
      CACHE_DIR: path.join(work, 'cache'),
      DATA_DIR: path.join(work, 'data'),
      FEEDS_FILE: path.join(work, 'no-feeds.yml'),
      SHARD_PROCESSES: '2',
      METRICS_PORT: '0',
      LOG_LEVEL: 'info',
    };
    const bot = spawnBot(fake, settings, { killAfterMs: 120_000 });
    const { child, exited } = bot;
    const logs = bot.logs as Log[];
    try {
      await fake.waitFor(() => logs.find((l) => l.msg === 'all shard processes ready'), 60_000);
      expect(fake.identified.map((s) => s.join('/')).sort()).toEqual(['0/4', '1/4', '2/4', '3/4']);
      const indexed = logs.filter((l) => l.msg === 'articles indexed');
      expect(indexed.map((l) => l.source).sort()).toEqual(['built', 'cache', 'cache']);
      expect(fake.requestsTo('PUT', /\/commands$/)).toHaveLength(1);

      const answers: Record<string, unknown>[] = [];
      for (const guild of guilds) {
        const asked = fake.sendCommand(
          'ask',
          [{ name: 'question', type: 3, value: 'How many ballistic missiles were launched?' }],
          fake.newUser(),
          guild,
        );
        const reply: RecordedRequest = await fake.waitFor(() =>
          fake.requests.find((r) => r.path.includes(asked.token)),
        );
        const data = (reply.body as Body).data ?? {};
        expect(data.embeds?.[0]?.description).toContain('**71** ballistic missiles');
        answers.push({ ...fake.messageFrom(data), guild_id: guild });
      }

      // The manager's /metrics adds up its shard processes' counts and shards.
      const metricsUrl = logs.find((l) => l.msg.startsWith('metrics served'))?.url;
      expect((await fetch(`${metricsUrl}/healthz`)).status).toBe(200);
      const metrics = await (await fetch(`${metricsUrl}/metrics`)).text();
      expect(sample(metrics, 'newsdesk_questions_total{outcome="answered"}')).toBe(guilds.length);
      expect(sample(metrics, 'newsdesk_answer_seconds_count')).toBe(guilds.length);
      for (const shard of [0, 1, 2, 3])
        expect(sample(metrics, `newsdesk_shard_status{shard="${shard}"}`)).toBe(0);

      const tokens: string[] = [];
      for (let i = 0; i < 200; i++) {
        const message = answers[i % answers.length] as Record<string, unknown>;
        const vote = i % 4 === 0 ? 'down' : 'up';
        tokens.push(
          fake.sendButton(`ask:vote:${vote}`, message, fake.newUser(), message.guild_id as string)
            .token,
        );
      }
      await fake.waitFor(
        () =>
          tokens.every((token) => fake.requests.some((r) => r.path.includes(token))) || undefined,
        30_000,
      );
      const report = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/cli/report.ts', '--json'],
        {
          cwd: projectRoot,
          env: { ...process.env, ...settings },
          encoding: 'utf8',
        },
      );
      const summary = JSON.parse(report.stdout);
      expect([summary.upVotes, summary.downVotes]).toEqual([150, 50]);

      const stats = fake.sendCommand('stats', [], fake.newUser(MANAGER_PERMISSIONS), guilds[1]);
      const statsReply: RecordedRequest = await fake.waitFor(() =>
        fake.requests.find((r) => r.path.includes(stats.token)),
      );
      const footer = (statsReply.body as { data?: { embeds?: { footer?: { text?: string } }[] } })
        .data?.embeds?.[0]?.footer?.text;
      // The ping shows once a heartbeat has come back, which depends on timing.
      expect(footer).toMatch(
        /^In 5 servers · 4 shards in 2 processes · (ping \d+ ms · )?Only people who can manage this server see this\.$/,
      );

      // A shard process that dies is started again by the manager, and its guilds answer again.
      // The pids come from the manager's log: tsx may run a helper child beside the shards.
      const pids = logs.filter((l) => l.msg === 'shard process started').map((l) => l.pid);
      expect(pids).toHaveLength(2);
      process.kill(pids[0] as number, 'SIGKILL');
      await fake.waitFor(
        () => logs.find((l) => l.msg === 'shard process died; restarting it'),
        10_000,
      );
      await fake.waitFor(
        () => logs.filter((l) => l.msg === 'articles indexed').length === 4 || undefined,
        30_000,
      );
      await fake.waitFor(() => fake.identified.length === 6 || undefined, 30_000);
      for (const guild of guilds) {
        const asked = fake.sendCommand(
          'ask',
          [{ name: 'question', type: 3, value: 'Where are the talks being held?' }],
          fake.newUser(),
          guild,
        );
        await fake.waitFor(() => fake.requests.find((r) => r.path.includes(asked.token)), 15_000);
      }

      const stopping = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(8000);
      expect(logs.find((l) => l.msg === 'stopped' && l.killed !== undefined)?.killed).toBe(0);
    } finally {
      bot.stop();
    }
    expect(bot.output()).not.toContain('the-secret-token');
  });
});
