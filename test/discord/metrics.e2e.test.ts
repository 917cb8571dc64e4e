import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../metrics/sample.js';
import { spawnBot } from './botProcess.js';
import { FakeDiscord, GUILD_ID } from './fakeDiscord.js';

describe('METRICS_PORT on the running bot', () => {
  let fake: FakeDiscord;
  let work: string;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-metrics-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(work, { recursive: true, force: true });
  });

  it('serves /healthz once ready and counts and times the questions it answers', async () => {
    const bot = spawnBot(
      fake,
      {
        DISCORD_GUILD_ID: GUILD_ID,
        CACHE_DIR: path.join(work, 'cache'),
        DATA_DIR: path.join(work, 'data'),
        FEEDS_FILE: path.join(work, 'no-feeds.yml'),
        METRICS_PORT: '0',
        LOG_LEVEL: 'info',
      },
      { killAfterMs: 30_000 },
    );
    const { child, exited } = bot;
    try {
      const url = await fake.waitFor(
        () => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(bot.output())?.[1],
        15_000,
      );
      await fake.waitFor(() => fake.requestsTo('PUT', /\/commands$/)[0], 15_000);
      // Ready once logged in and registered; poll, since readiness lands just after.
      let health = 0;
      for (let tries = 0; tries < 50 && health !== 200; tries++) {
        health = (await fetch(`${url}/healthz`)).status;
        if (health !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(health).toBe(200);

      const before = await (await fetch(`${url}/metrics`)).text();
      expect(sample(before, 'newsdesk_questions_total{outcome="answered"}')).toBe(0);
      expect(sample(before, 'newsdesk_articles_indexed')).toBe(1);
      for (const question of [
        'How many ballistic missiles were launched?',
        'Who won the 2004 World Series?',
      ]) {
        const asked = fake.sendCommand('ask', [{ name: 'question', type: 3, value: question }]);
        await fake.waitFor(() => fake.requests.find((r) => r.path.includes(asked.token)));
      }
      const after = await (await fetch(`${url}/metrics`)).text();
      expect(sample(after, 'newsdesk_questions_total{outcome="answered"}')).toBe(1);
      expect(sample(after, 'newsdesk_questions_total{outcome="not_found"}')).toBe(1);
      expect(sample(after, 'newsdesk_answer_seconds_count')).toBe(2);
      expect(sample(after, 'newsdesk_shard_status{shard="0"}')).toBe(0);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      bot.stop();
    }
    expect(bot.output()).not.toContain('the-secret-token');
  });
});
