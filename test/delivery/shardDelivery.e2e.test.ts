import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryState } from '../../src/delivery/DeliveryState.js';
import { spawnBot } from '../discord/botProcess.js';
import { FakeDiscord, MANAGER_PERMISSIONS } from '../discord/fakeDiscord.js';
import { type NewsSite, startNewsSite } from './loopbackNewsSite.js';

const CHANNEL = '740000000000000001';

describe('a followed feed with SHARD_PROCESSES=2 and 4 shards', () => {
  let fake: FakeDiscord;
  let news: NewsSite;
  let work: string;
  beforeAll(async () => {
    fake = await FakeDiscord.start({ shards: 4 });
    news = await startNewsSite();
    work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-shard-delivery-'));
    await mkdir(path.join(work, 'articles'));
    await writeFile(
      path.join(work, 'articles', 'placeholder.txt'),
      'Placeholder\n\nThe folder starts with one article.\n',
    );
  });
  afterAll(async () => {
    await fake.close();
    await news.close();
    await rm(work, { recursive: true, force: true });
  });

  it('is posted once between the processes: the manager, which polls, is the only sender', async () => {
    // The server lives on shard 3, so its /follow is handled by the second shard process.
    const guild = fake.guildOnShard(3, 4);
    const bot = spawnBot(
      fake,
      {
        SEEDS_DIR: path.join(work, 'articles'),
        CACHE_DIR: path.join(work, 'cache'),
        DATA_DIR: path.join(work, 'data'),
        FEEDS_FILE: path.join(work, 'no-feeds.yml'),
        FEED_POLL_MINUTES: '0.05',
        FEED_HOST_PAUSE_SECONDS: '0',
        ALLOW_PRIVATE_URLS: 'true',
        SHARD_PROCESSES: '2',
        LOG_LEVEL: 'info',
      },
      { killAfterMs: 110_000 },
    );
    const logs = bot.logs as { msg: string; pid?: number }[];
    try {
      await fake.waitFor(() => logs.find((l) => l.msg === 'all shard processes ready'), 60_000);
      news.publish(2);
      const sent = fake.sendCommand(
        'follow',
        [
          { name: 'feed', type: 3, value: news.feedUrl },
          { name: 'channel', type: 7, value: CHANNEL },
        ],
        fake.newUser(MANAGER_PERMISSIONS),
        guild,
      );
      await fake.waitFor(
        () => fake.requestsTo('PATCH', new RegExp(`/webhooks/\\d+/${sent.token}/`))[0],
        20_000,
      );
      // Once the manager has read the feed for the server, its backlog is counted and new
      // items are news.
      await fake.waitFor(
        () => Object.keys(DeliveryState.read(path.join(work, 'data'))?.follows ?? {}).length > 0,
        40_000,
      );
      news.publish(3);
      await fake.waitFor(() => fake.postsIn(CHANNEL).length >= 3, 40_000);
      await new Promise((resolve) => setTimeout(resolve, 8000));
      const urls = fake.postsIn(CHANNEL).map((m) => (m.embeds as { url?: string }[])[0]?.url);
      expect(urls).toEqual(news.items.slice(2).map(news.pageUrl));
      expect(logs.filter((l) => l.msg === 'post delivered')).toHaveLength(3);
    } finally {
      bot.stop();
    }
  }, 120_000);
});
