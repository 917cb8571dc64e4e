import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryState } from '../../src/delivery/DeliveryState.js';
import { type BotProcess, spawnBot } from '../discord/botProcess.js';
import { FakeDiscord, MANAGER_PERMISSIONS } from '../discord/fakeDiscord.js';
import { projectRoot } from '../helpers.js';
import { type NewsSite, startNewsSite } from './loopbackNewsSite.js';

/** Channels of the loopback guild that follows and alerts post to. */
const NEWS_CHANNEL = '700000000000000001';
const ALERT_CHANNEL = '700000000000000002';

describe('following a feed into a channel, in a real bot process', () => {
  let fake: FakeDiscord;
  let news: NewsSite;
  let work: string;
  let bot: BotProcess | undefined;
  let env: Record<string, string>;
  const publish = (count: number) => news.publish(count);
  const postedUrls = () =>
    fake.postsIn(NEWS_CHANNEL).map((m) => (m.embeds as { url?: string }[])[0]?.url as string);
  const start = () => {
    bot = spawnBot(fake, env, { killAfterMs: 110_000 });
  };

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    news = await startNewsSite();
    work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-follow-'));
    await writeFile(
      path.join(work, 'placeholder.txt'),
      'Placeholder\n\nThe folder starts with one article.\n',
    );
    env = {
      SEEDS_DIR: work,
      DATA_DIR: path.join(work, '.data'),
      CACHE_DIR: path.join(os.tmpdir(), `newsdesk-follow-cache-${process.pid}`),
      FEEDS_FILE: path.join(work, '.no-feeds.yml'),
      FEED_POLL_MINUTES: '0.05',
      FEED_HOST_PAUSE_SECONDS: '0',
      ALLOW_PRIVATE_URLS: 'true',
      LOG_LEVEL: 'info',
    };
    publish(3);
  });

  afterAll(async () => {
    bot?.stop();
    await fake?.close();
    await news?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('posts each new item once, never the backlog, across a kill, a restart and time offline', async () => {
    start();
    await fake.waitFor(() => fake.requestsTo('PUT', /\/commands$/)[0], 20_000);
    const sent = fake.sendCommand(
      'follow',
      [
        { name: 'feed', type: 3, value: news.feedUrl },
        { name: 'channel', type: 7, value: NEWS_CHANNEL },
      ],
      fake.newUser(MANAGER_PERMISSIONS),
    );
    const reply = await fake.waitFor(
      () =>
        fake
          .requestsTo('PATCH', new RegExp(`/webhooks/\\d+/${sent.token}/messages/@original`))
          .at(-1),
      15_000,
    );
    expect((reply.body as { content: string }).content).toMatch(/^Following “Harwick Herald”/);
    // Published at once, before the bot's first poll of the feed: still news, since the
    // backlog is what the feed held when it was followed.
    publish(3);
    await fake.waitFor(() => postedUrls().length >= 3, 30_000);
    expect(postedUrls()).toEqual(news.items.slice(3, 6).map(news.pageUrl));
    // Further polls find nothing new.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    expect(postedUrls()).toHaveLength(3);

    // Killed after Discord made a post but before the bot heard back: the restart finds it.
    fake.holdPostRepliesMs = 4000;
    publish(3);
    await fake.waitFor(() => postedUrls().length >= 4, 30_000);
    bot?.stop();
    await bot?.exited;
    fake.holdPostRepliesMs = 0;
    // Published while the bot is down.
    publish(2);
    start();
    await fake.waitFor(() => postedUrls().length >= 8, 45_000);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const urls = postedUrls();
    expect(urls).toHaveLength(8);
    expect(new Set(urls).size).toBe(8);
    expect(new Set(urls)).toEqual(new Set(news.items.slice(3).map(news.pageUrl)));
    // The post made just before the kill was found in the channel, not sent again.
    expect(bot?.logs.some((l) => l.msg === 'post delivered' && l.found === true)).toBe(true);
    // Nobody is pinged: no role was named.
    for (const post of fake.postsIn(NEWS_CHANNEL)) {
      expect(post.content ?? '').toBe('');
      expect(post.allowed_mentions).toEqual({ parse: [] });
    }
    const lines = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'deliveries'],
      { cwd: projectRoot, env: { ...process.env, ...env }, encoding: 'utf8' },
    )
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.filter((l) => l.status === 'sent')).toHaveLength(8);
    expect(lines.every((l) => l.kind === 'follow' && l.channel === NEWS_CHANNEL)).toBe(true);
  }, 120_000);

  it('pauses a follow whose channel it may no longer post in, and keeps running', async () => {
    fake.refuseChannel(NEWS_CHANNEL, 50013);
    publish(1);
    await fake.waitFor(
      () => Object.values(DeliveryState.read(env.DATA_DIR as string)?.paused ?? {})[0],
      30_000,
    );
    const pause = Object.values(DeliveryState.read(env.DATA_DIR as string)?.paused ?? {})[0];
    expect(pause).toMatchObject({ code: 50013, reason: 'I am not allowed to post in the channel' });
    const asked = fake.sendCommand('following', [], fake.newUser(MANAGER_PERMISSIONS));
    const listed = await fake.waitFor(
      () => fake.requestsTo('POST', new RegExp(`/interactions/${asked.id}/`))[0],
      10_000,
    );
    const embed = (listed.body as { data: { embeds: { description: string }[] } }).data.embeds[0];
    expect(embed?.description).toContain('paused: I am not allowed to post in the channel');
    expect(bot?.child.exitCode).toBeNull();
  }, 60_000);

  it('an alert posts a new article about its topic, and not one about something else', async () => {
    const made = fake.sendCommand(
      'alert',
      [
        { name: 'topic', type: 3, value: 'dinosaur skeleton' },
        { name: 'channel', type: 7, value: ALERT_CHANNEL },
      ],
      fake.newUser(MANAGER_PERMISSIONS),
    );
    await fake.waitFor(
      () => fake.requestsTo('POST', new RegExp(`/interactions/${made.id}/`))[0],
      10_000,
    );
    // Give the deliverer a look at the folder as it is, then add one matching, one not.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const root = path.join(projectRoot, 'test/fixtures/newsroom');
    for (const file of ['culture/museum-dinosaur-exhibit.md', 'business/port-strike-shipping.txt'])
      await writeFile(
        path.join(work, `arrived-${path.basename(file)}`),
        await readFile(path.join(root, file)),
      );
    const post = await fake.waitFor(() => fake.postsIn(ALERT_CHANNEL)[0], 30_000);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(fake.postsIn(ALERT_CHANNEL)).toHaveLength(1);
    const embed = (post.embeds as { title: string; footer: { text: string } }[])[0];
    expect(embed?.title).toBe('Harwick museum unveils dinosaur skeleton');
    expect(embed?.footer.text).toMatch(/^Alert: dinosaur skeleton/);
    expect(post.allowed_mentions).toEqual({ parse: [] });
  }, 60_000);
});
