import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { Deliverer } from '../../src/delivery/Deliverer.js';
import { DeliveryState } from '../../src/delivery/DeliveryState.js';
import { indexNews } from '../../src/delivery/indexNews.js';
import { SubscriptionFiles } from '../../src/delivery/SubscriptionFiles.js';
import { ALERT_THRESHOLD, topicScore } from '../../src/delivery/topicScore.js';
import type { Subscription } from '../../src/delivery/types.js';
import { discordOutlet } from '../../src/discord/deliveryOutlet.js';
import { FeedStore } from '../../src/ingest/FeedStore.js';
import { PassageIndex } from '../../src/search/PassageIndex.js';
import { FakeDiscord, GUILD_ID } from '../discord/fakeDiscord.js';
import { projectRoot } from '../helpers.js';

const CHANNEL = '710000000000000001';

/** The first embed of a message the bot posted. */
function embedOf<T>(message: Record<string, unknown> | undefined): T | undefined {
  return ((message?.embeds ?? []) as T[])[0];
}
const ROLE = '720000000000000001';
const FEED = 'https://ellsmouth-gazette.example/rss';

/**
 * The deliverer with its real state files, the real REST client against the loopback Discord,
 * and an index of the briefing fixtures; the clock is the test's.
 */
describe('the deliverer', () => {
  let fake: FakeDiscord;
  let articles: string;
  let data: string;
  let index: PassageIndex;
  let clock: Date;
  let subscriptions: SubscriptionFiles;
  let feeds: FeedStore;
  const deliverer = (options: { catchUpMax?: number } = {}) =>
    new Deliverer({
      subscriptions,
      state: DeliveryState.open(data).state,
      feeds: {
        readAt: (url, guildId) => feeds.feed(url).readFor?.[guildId],
        articlesOf: (url, guildId) => feeds.articlesOf(url, guildId),
      },
      news: indexNews(() => index),
      outlet: discordOutlet({ token: 'test-token.abc.def', apiUrl: fake.apiUrl }),
      alertScore: topicScore,
      alertThreshold: ALERT_THRESHOLD,
      now: () => clock,
      ...options,
    });
  const subscribe = (subscription: Subscription) => subscriptions.save(subscription);

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    articles = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-deliverer-'));
    await cp(path.join(projectRoot, 'test/fixtures/briefing'), articles, { recursive: true });
    index = new PassageIndex(await loadCorpus(articles));
  });
  afterAll(async () => {
    await fake.close();
    await rm(articles, { recursive: true, force: true });
  });
  beforeEach(async () => {
    data = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-deliverer-data-'));
    subscriptions = new SubscriptionFiles(data);
    feeds = FeedStore.open(data).store;
  });
  afterEach(() => rm(data, { recursive: true, force: true }));

  it('posts a daily briefing once at its time in its zone, a story from three sites as one item', async () => {
    const channel = '710000000000000009';
    await subscribe({
      kind: 'briefing',
      id: 'briefing-berlin',
      guildId: GUILD_ID,
      channelId: channel,
      time: '08:00',
      timezone: 'Europe/Berlin',
      createdAt: '2025-03-04T12:00:00.000Z',
      createdBy: '1',
    });
    const delivering = deliverer();
    clock = new Date('2025-03-05T06:59:00Z'); // 07:59 in Berlin
    await delivering.tick();
    expect(fake.postsIn(channel)).toHaveLength(0);
    clock = new Date('2025-03-05T07:00:30Z'); // 08:00:30 in Berlin
    await delivering.tick();
    await delivering.tick();
    const posts = fake.postsIn(channel);
    expect(posts).toHaveLength(1);
    const embed = embedOf<{ title: string; description: string }>(posts[0]);
    expect(embed?.title).toBe('Briefing for 2025-03-05');
    const stories = embed?.description.split('\n\n') ?? [];
    expect(stories).toHaveLength(2);
    expect(stories[0]).toMatch(
      /^\[Ellsmouth bridge closure announced\]\(https:\/\/coast-wire\.example\/.*\) · coast-wire\.example, harwick-herald\.example, ellsmouth-gazette\.example\n/,
    );
    expect(stories[1]).toMatch(/^\[Kiprop breaks marathon record\]/);
    // The next day brings no stories, so nothing is posted.
    clock = new Date('2025-03-06T07:05:00Z');
    await delivering.tick();
    expect(fake.postsIn(channel)).toHaveLength(1);
  });

  it('posts a follow’s backlog only as asked, pings only its role, and caps a burst', async () => {
    await subscribe({
      kind: 'follow',
      id: 'follow-gazette',
      guildId: GUILD_ID,
      channelId: CHANNEL,
      feedUrl: FEED,
      roleId: ROLE,
      backlog: 2,
      createdAt: '2025-03-05T09:00:00.000Z',
      createdBy: '1',
    });
    const added = (ids: string[], at: string) => {
      for (const [position, articleId] of ids.entries())
        feeds.updateItem(`${GUILD_ID}|${articleId}`, {
          status: 'added',
          attempts: 1,
          articleId,
          feed: FEED,
          guild: GUILD_ID,
          addedAt: at,
          position,
        });
    };
    // What the feed held when it was first read after the follow: its backlog.
    added(['wire', 'marathon', 'gazette'], '2025-03-05T09:00:05.000Z');
    feeds.updateFeed(FEED, { readFor: { [GUILD_ID]: '2025-03-05T09:00:05.000Z' } });
    clock = new Date('2025-03-05T09:00:06Z');
    const delivering = deliverer({ catchUpMax: 1 });
    await delivering.tick();
    const backlog = fake.postsIn(CHANNEL);
    expect(backlog.map((m) => (m.embeds as { title: string }[])[0]?.title)).toEqual([
      'Kiprop breaks marathon record',
      'Ellsmouth bridge closure announced',
    ]);
    for (const post of backlog) {
      expect(post.content).toBe(`<@&${ROLE}>`);
      expect(post.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    }
    // Two new items at once with a cap of one: the newest is posted and says one more came.
    added(['old', 'herald'], '2025-03-05T10:00:00.000Z');
    await delivering.tick();
    const burst = fake.postsIn(CHANNEL).slice(2);
    expect(burst).toHaveLength(1);
    const embed = embedOf<{ title: string; description: string }>(burst[0]);
    expect(embed?.title).toBe('Library opens on Sundays');
    expect(embed?.description).toContain('1 more new story came in at the same time');
    await delivering.tick();
    expect(fake.postsIn(CHANNEL)).toHaveLength(3);
  });

  it('pauses a follow when Discord refuses its channel, even without an error code, and posts there no more', async () => {
    const closed = '710000000000000077';
    const stopIntercepting = fake.intercept((request, response) => {
      if (request.path !== `/channels/${closed}/messages`) return false;
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Forbidden' }));
      return true;
    });
    try {
      await subscribe({
        kind: 'follow',
        id: 'follow-closed',
        guildId: GUILD_ID,
        channelId: closed,
        feedUrl: FEED,
        backlog: 1,
        createdAt: '2025-03-05T09:00:00.000Z',
        createdBy: '1',
      });
      feeds.updateItem(`${GUILD_ID}|wire`, {
        status: 'added',
        attempts: 1,
        articleId: 'wire',
        feed: FEED,
        guild: GUILD_ID,
        addedAt: '2025-03-05T09:00:05.000Z',
      });
      feeds.updateFeed(FEED, { readFor: { [GUILD_ID]: '2025-03-05T09:00:05.000Z' } });
      clock = new Date('2025-03-05T09:00:06Z');
      const delivering = deliverer();
      await delivering.tick();
      const state = DeliveryState.read(data);
      expect(state?.paused['follow-closed']).toMatchObject({
        reason: 'I am not allowed to post in the channel',
      });
      expect(state?.posts.map((p) => p.status)).toEqual(['paused']);
      const tries = fake.requestsTo('POST', new RegExp(`^/channels/${closed}/messages$`)).length;
      await delivering.tick();
      expect(fake.requestsTo('POST', new RegExp(`^/channels/${closed}/messages$`))).toHaveLength(
        tries,
      );
    } finally {
      stopIntercepting();
    }
  });

  it('sends an alert by DM when a new article is about its topic, and not for the articles already there', async () => {
    const user = '730000000000000001';
    await subscribe({
      kind: 'alert',
      id: 'alert-marathon',
      guildId: GUILD_ID,
      topic: 'marathon record',
      createdAt: '2025-03-05T09:00:00.000Z',
      createdBy: user,
    });
    clock = new Date('2025-03-05T09:00:01Z');
    const delivering = deliverer();
    await delivering.tick();
    const dmChannel = `9${user.slice(1)}`;
    expect(fake.postsIn(dmChannel)).toHaveLength(0);
    await writeFile(
      path.join(articles, 'second-marathon.md'),
      '---\ntitle: Marathon record falls again\npublished: 2025-03-06T09:00:00Z\n---\nThe Ellsmouth marathon record fell for the second time in a week on Saturday.\n\nThe new record holder finished in 2 hours 4 minutes.\n',
    );
    const before = index;
    index = new PassageIndex(await loadCorpus(articles));
    try {
      await delivering.tick();
      const posts = fake.postsIn(dmChannel);
      expect(posts).toHaveLength(1);
      const embed = embedOf<{ title: string; footer: { text: string } }>(posts[0]);
      expect(embed?.title).toBe('Marathon record falls again');
      expect(embed?.footer.text).toMatch(/^Alert: marathon record/);
      expect(fake.requestsTo('POST', /^\/users\/@me\/channels$/).at(-1)?.body).toEqual({
        recipient_id: user,
      });
    } finally {
      index = before;
      await rm(path.join(articles, 'second-marathon.md'));
    }
  });
});
