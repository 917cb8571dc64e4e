import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveIndex } from '../../src/cache/LiveIndex.js';
import { folderDeliveryRecords } from '../../src/delivery/folderDeliveryRecords.js';
import { type RunningBot, startBot } from '../../src/discord/startBot.js';
import { addToCollection } from '../../src/ingest/addToCollection.js';
import { checkFeed } from '../../src/ingest/checkFeed.js';
import { FeedPoller } from '../../src/ingest/FeedPoller.js';
import { FeedStore } from '../../src/ingest/FeedStore.js';
import { removeFromCollection } from '../../src/ingest/removeFromCollection.js';
import { ServerDepartures } from '../../src/ingest/ServerDepartures.js';
import { inMemory } from '../helpers.js';
import { type LoopbackSite, startLoopbackSite, webFixture } from '../ingest/loopbackSite.js';
import {
  ADMIN_PERMISSIONS,
  FakeDiscord,
  GUILD_ID,
  MANAGER_PERMISSIONS,
  type RecordedRequest,
} from './fakeDiscord.js';

type Body = { type?: number; content?: string; data?: Record<string, unknown>; embeds?: Embed[] };
type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };

describe('/add and /feeds through a loopback Discord, with feeds polled into a live index', () => {
  let fake: FakeDiscord;
  let site: LoopbackSite;
  let bot: RunningBot;
  let live: LiveIndex;
  let poller: FeedPoller;
  let work: string;
  let seeds: string;
  let departures: ServerDepartures;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    site = await startLoopbackSite({
      '/news/harbour-bridge-repairs': { body: webFixture('harbour-bridge.html').toString('utf8') },
      '/coastline/ferry-timetable': { body: webFixture('ferry-timetable.html').toString('utf8') },
      '/feeds/coastline.atom': {
        headers: { 'content-type': 'application/atom+xml' },
        body: webFixture('coastline.atom').toString('utf8'),
      },
    });
    work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-bot-ingest-'));
    seeds = path.join(work, 'articles');
    await writeFile(
      path.join(work, 'feeds.yml'),
      `feeds:\n  - ${site.base}/feeds/coastline.atom\n  - ${site.base}/trouble/500\n`,
    );
    const { mkdir } = await import('node:fs/promises');
    await mkdir(seeds);
    await writeFile(
      path.join(seeds, 'placeholder.txt'),
      'Placeholder\n\nThe folder starts with one article.\n',
    );
    ({ live } = await LiveIndex.open(seeds, { debounceMs: 50 }));
    const fetch = { allowPrivate: true, timeoutMs: 3000 };
    poller = new FeedPoller({
      feedsFile: path.join(work, 'feeds.yml'),
      seedsDir: seeds,
      store: FeedStore.open(path.join(work, 'data')).store,
      fetch,
      pollIntervalMs: 15 * 60_000,
      hostPauseMs: 0,
    });
    departures = new ServerDepartures(path.join(work, 'data'), seeds, { keepDays: 0 });
    bot = await startBot({
      departures,
      token: 'test-token.abc.def',
      guildId: GUILD_ID,
      apiUrl: fake.apiUrl,
      logger: pino({ level: 'silent' }),
      ...inMemory(() => live.current()),
      ingest: {
        addScope: 'server',
        addPage: (url, guildId) =>
          addToCollection(url, { seedsDir: seeds, addScope: 'server', fetch }, guildId),
        removeArticle: (article, guildId) => removeFromCollection(article, guildId, seeds),
        feeds: () => poller.status(),
        feedsFile: path.join(work, 'feeds.yml'),
        subscriptions: folderDeliveryRecords(path.join(work, 'data')).subscriptions,
        deliveries: folderDeliveryRecords(path.join(work, 'data')).readRecord,
        checkFeed: (url) => checkFeed(url, fetch),
        pollSoon: () => void poller.check(),
      },
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await poller?.stop();
    await live?.close();
    await fake?.close();
    await site?.close();
    await rm(work, { recursive: true, force: true });
  });

  const repliesTo = (interaction: { id: string; token: string }) =>
    fake.requests.filter((r) => r.path.includes(`/${interaction.token}`));
  const finalReply = (interaction: { id: string; token: string }) =>
    fake.waitFor(() =>
      repliesTo(interaction).find(
        (r) => r.method === 'PATCH' || (bodyOf(r).type === 4 && r.method === 'POST'),
      ),
    );
  const bodyOf = (r: RecordedRequest) => r.body as Body;
  const contentOf = (r: RecordedRequest) =>
    (bodyOf(r).data?.content as string | undefined) ?? bodyOf(r).content;

  it('/add is refused to members who cannot manage the server', async () => {
    const sent = fake.sendCommand('add', [
      { name: 'url', type: 3, value: `${site.base}/coastline/ferry-timetable` },
    ]);
    expect(contentOf(await finalReply(sent))).toBe(
      'Only people who can manage this server can add articles.',
    );
    expect(site.requests.some((r) => r.includes('ferry'))).toBe(false);
  });

  it('/add fetches the page, and the article is then answered from, with its citation', async () => {
    const sent = fake.sendCommand(
      'add',
      [{ name: 'url', type: 3, value: `${site.base}/news/harbour-bridge-repairs` }],
      fake.newUser(MANAGER_PERMISSIONS),
    );
    const reply = await finalReply(sent);
    expect(reply.method).toBe('PATCH');
    expect(contentOf(reply)).toMatch(
      /^Added “Harbour bridge to close for six weeks of repairs” to this server's articles as `servers\/333333333333333333\/web\/127\.0\.0\.1\/2025-03-04-harbour-bridge-to-close-for-six-weeks-of-repairs-[0-9a-f]{6}`\. It can be asked about in a few seconds\.$/,
    );
    await fake.waitFor(() => live.current().corpus.articles.length === 2 || undefined, 5000);
    const asked = fake.sendCommand('ask', [
      { name: 'question', type: 3, value: 'how many vehicles use the harbour bridge every day' },
    ]);
    const answer = await finalReply(asked);
    const embed =
      (bodyOf(answer).data?.embeds as Embed[] | undefined)?.[0] ?? bodyOf(answer).embeds?.[0];
    expect(embed?.description).toContain('About **18,000** vehicles cross the bridge each day.');
    expect(embed?.fields?.[0]?.value).toContain('Harbour bridge to close for six weeks of repairs');
  });

  it("keeps a server's added page to that server: another never gets it from /ask, /articles or autocomplete", async () => {
    await fake.waitFor(() => live.current().corpus.articles.length >= 2 || undefined, 5000);
    const title = 'Harbour bridge to close for six weeks of repairs';
    const other = fake.guildOnShard(0, 1);
    const embedOf = (r: RecordedRequest) =>
      (bodyOf(r).data?.embeds as Embed[] | undefined)?.[0] ?? bodyOf(r).embeds?.[0];
    for (const question of ['how many vehicles use the harbour bridge every day', title]) {
      const asked = fake.sendCommand(
        'ask',
        [{ name: 'question', type: 3, value: question }],
        fake.newUser(),
        other,
      );
      // The embed's title is the question; what it cites is everything else.
      const { title: _question, ...rest } = embedOf(await finalReply(asked)) ?? {};
      const text = JSON.stringify(rest);
      expect(text).toMatch(/Searched 1 article/);
      expect(text).not.toContain('18,000');
      expect(text).not.toContain(title);
    }
    const listed = (guild: string) =>
      finalReply(fake.sendCommand('articles', [], fake.newUser(), guild)).then((r) =>
        JSON.stringify(bodyOf(r)),
      );
    expect(await listed(other)).not.toContain(title);
    expect(await listed(GUILD_ID)).toContain(title);
    const suggested = async (guild: string) => {
      const sent = fake.sendAutocomplete('summary', 'article', 'Harbour', fake.newUser(), guild);
      const reply = await fake.waitFor(() => repliesTo(sent)[0]);
      return ((bodyOf(reply).data?.choices ?? []) as { name: string }[]).map((c) => c.name);
    };
    expect(await suggested(other)).not.toContain(title);
    expect(await suggested(GUILD_ID)).toContain(title);
  });

  it('/add says why a page could not be added', async () => {
    const sent = fake.sendCommand(
      'add',
      [{ name: 'url', type: 3, value: `${site.base}/trouble/loop` }],
      fake.newUser(MANAGER_PERMISSIONS),
    );
    expect(contentOf(await finalReply(sent))).toBe(
      'Could not add that page: more than 5 redirects.',
    );
  });

  it('/feeds shows admins each feed with its last poll, items and last error', async () => {
    await poller.check();
    const refused = fake.sendCommand('feeds', [], fake.newUser(MANAGER_PERMISSIONS));
    expect(contentOf(await finalReply(refused))).toBe(
      'Only the server’s administrators can see the feeds.',
    );
    const sent = fake.sendCommand('feeds', [], fake.newUser(ADMIN_PERMISSIONS));
    const reply = await finalReply(sent);
    const embed = (bodyOf(reply).data?.embeds as Embed[] | undefined)?.[0];
    expect(embed?.title).toBe('Feeds (2)');
    expect(embed?.fields?.[0]?.name).toBe('Coastline News');
    expect(embed?.fields?.[0]?.value).toMatch(/Last read <t:\d+:R> · 1 item$/);
    // Escaped for Discord's markdown, which shows \(500\) as (500).
    expect(embed?.fields?.[1]?.value).toContain(
      '⚠️ the feed could not be read: the site had an error \\(500\\)',
    );
    await fake.waitFor(() => live.current().corpus.articles.length === 3 || undefined, 5000);
    expect(live.current().corpus.articles.map((a) => a.title)).toContain(
      'Ferry timetable cut as crew shortage bites',
    );
  });

  it("/remove deletes one of the server's own articles, and refuses the shared ones", async () => {
    const manager = fake.newUser(MANAGER_PERMISSIONS);
    const own = live
      .current()
      .corpus.articles.find((a) => a.id.startsWith(`servers/${GUILD_ID}/`)) as {
      id: string;
      title: string;
    };
    const suggested = fake.sendAutocomplete('remove', 'article', '', manager);
    const choices = (
      (bodyOf(await fake.waitFor(() => repliesTo(suggested)[0])).data?.choices ?? []) as {
        name: string;
      }[]
    ).map((c) => c.name);
    expect(choices).toEqual([own.title]);
    const shared = fake.sendCommand(
      'remove',
      [{ name: 'article', type: 3, value: 'placeholder' }],
      manager,
    );
    expect(contentOf(await finalReply(shared))).toBe(
      "“Placeholder” is one of the shared articles; only the bot's operator can remove it.",
    );
    const elsewhere = fake.sendCommand(
      'remove',
      [{ name: 'article', type: 3, value: own.id }],
      fake.newUser(MANAGER_PERMISSIONS),
      fake.guildOnShard(0, 1),
    );
    expect(contentOf(await finalReply(elsewhere))).toMatch(/^I have no article called/);
    const removed = fake.sendCommand(
      'remove',
      [{ name: 'article', type: 3, value: own.id }],
      manager,
    );
    expect(contentOf(await finalReply(removed))).toBe(
      `Removed “${own.title}” from this server's articles.`,
    );
    await fake.waitFor(
      () => !live.current().corpus.articles.some((a) => a.id === own.id) || undefined,
      5000,
    );
  });

  it("forgets a server's own articles once the bot has left it and the grace period is over, not after an outage", async () => {
    const add = fake.sendCommand(
      'add',
      [{ name: 'url', type: 3, value: `${site.base}/news/harbour-bridge-repairs` }],
      fake.newUser(MANAGER_PERMISSIONS),
    );
    await finalReply(add);
    const own = () =>
      live.current().corpus.articles.filter((a) => a.id.startsWith(`servers/${GUILD_ID}/`));
    await fake.waitFor(() => own().length === 1 || undefined, 5000);
    fake.removeFromGuild(GUILD_ID, true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await departures.sweep()).toEqual([]);
    fake.removeFromGuild(GUILD_ID);
    await fake.waitFor(
      () => existsSync(path.join(work, 'data', 'servers-left', GUILD_ID)) || undefined,
    );
    expect(await departures.sweep()).toEqual([GUILD_ID]);
    await fake.waitFor(() => own().length === 0 || undefined, 5000);
    expect(live.current().corpus.articles.map((a) => a.title)).toContain('Placeholder');
  });
});
