import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { FeedStore } from '../../src/ingest/FeedStore.js';
import { HostPacer } from '../../src/ingest/HostPacer.js';
import { type ItemReport, pollFeed } from '../../src/ingest/pollFeed.js';
import { type LoopbackSite, startLoopbackSite, webFixture } from './loopbackSite.js';

let site: LoopbackSite;
let seeds: string;
let dataDir: string;

const page = (name: string) => ({ body: webFixture(name).toString('utf8') });
const feed = (name: string, type: string) => ({
  headers: { 'content-type': type },
  body: webFixture(name).toString('utf8'),
});

beforeEach(async () => {
  site = await startLoopbackSite({
    '/news/harbour-bridge-repairs': page('harbour-bridge.html'),
    '/coastline/ferry-timetable': page('ferry-timetable.html'),
    '/feeds/gazette.rss': feed('gazette.rss', 'application/rss+xml'),
    '/feeds/coastline.atom': feed('coastline.atom', 'application/atom+xml'),
    '/feeds/coastline.json': feed('coastline.json', 'application/feed+json'),
  });
  seeds = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-poll-seeds-'));
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-poll-data-'));
});
afterEach(async () => {
  await site.close();
  await rm(seeds, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

/** One poll of `feeds`, as `feeds --once` runs it, with a store opened afresh from disk. */
async function poll(feeds: string[], now = new Date('2025-03-05T12:00:00Z')) {
  const { store } = FeedStore.open(dataDir);
  const lines: ItemReport[] = [];
  for (const url of feeds)
    await pollFeed(
      `${site.base}${url}`,
      {
        seedsDir: seeds,
        fetch: { allowPrivate: true, timeoutMs: 3000 },
        pacer: new HostPacer(0),
        store,
        pollIntervalMs: 15 * 60_000,
        now: () => now,
      },
      (line) => lines.push(line),
    );
  return { lines, store };
}

const statuses = (lines: ItemReport[]) =>
  lines.map((l) => `${l.status} ${new URL(l.url).pathname}`);

describe('pollFeed', () => {
  it('adds each item from its page, else from the feed’s own text, and reports every item', async () => {
    const { lines } = await poll(['/feeds/gazette.rss']);
    expect(statuses(lines)).toEqual([
      'added /news/harbour-bridge-repairs',
      'added /coastline/ferry-timetable',
      'added /gone/library-sundays',
      'failed /gone/council-meeting',
    ]);
    expect(lines[2]?.reason).toMatch(
      /its page could not be used: the page was not found \(404\); kept the text the feed carries/,
    );
    expect(lines[3]?.reason).toMatch(/feed carries too little of its text/);
    const corpus = await loadCorpus(seeds);
    expect(corpus.articles.map((a) => a.title).sort()).toEqual([
      'Ferry timetable cut as crew shortage bites',
      'Harbour bridge to close for six weeks of repairs',
      'Library opens on Sundays from March',
    ]);
    const library = corpus.articles.find((a) => a.title.startsWith('Library'));
    expect(library?.text).toContain('six new part-time librarians');
    expect(library?.text).not.toContain('reading room');
    expect(library?.metadata.published).toBe('2025-02-25T09:00:00.000Z');
    expect(library?.published?.time).toBe(Date.parse('2025-02-25T09:00:00Z'));
  });

  it('adds an item exactly once over two polls, even across a restart, and retries failures a bounded number of times', async () => {
    await poll(['/feeds/gazette.rss']);
    const filesAfterFirst = (await readdir(seeds, { recursive: true })).length;
    const second = await poll(['/feeds/gazette.rss']);
    expect(statuses(second.lines)).toEqual([
      'skipped /news/harbour-bridge-repairs',
      'skipped /coastline/ferry-timetable',
      'skipped /gone/library-sundays',
      'failed /gone/council-meeting',
    ]);
    expect(second.lines[0]?.reason).toBe('already added');
    expect((await readdir(seeds, { recursive: true })).length).toBe(filesAfterFirst);
    const third = await poll(['/feeds/gazette.rss']);
    expect(third.lines[3]?.status).toBe('failed');
    const fourth = await poll(['/feeds/gazette.rss']);
    expect(fourth.lines[3]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^gave up after 3 tries/),
    });
    const councilFetches = site.requests.filter((r) => r.includes('council-meeting')).length;
    expect(councilFetches).toBe(3);
  });

  it('does not add the same page twice when two feeds carry it', async () => {
    await poll(['/feeds/gazette.rss']);
    const { lines } = await poll(['/feeds/coastline.atom']);
    expect(lines).toEqual([
      expect.objectContaining({ status: 'skipped', reason: 'already in the articles folder' }),
    ]);
    expect((await loadCorpus(seeds)).articles).toHaveLength(3);
  });

  it('reads JSON Feed, and its plain-text content when the page is gone', async () => {
    const { lines } = await poll(['/feeds/coastline.json']);
    expect(statuses(lines)).toEqual(['added /gone/lifeboat-station']);
    const [article] = (await loadCorpus(seeds)).articles;
    expect(article?.paragraphs.map((p) => p.kind)).toEqual(['body', 'body']);
  });

  it('adds an item again when its file is gone, even from a feed that answers 304, but not one an admin removed', async () => {
    site.routes.set('/feeds/etag.rss', (request, response, base) => {
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' });
      response.end(webFixture('gazette.rss').toString('utf8').replaceAll('{{BASE}}', base));
    });
    const first = await poll(['/feeds/etag.rss']);
    const added = first.lines.filter((l) => l.status === 'added');
    expect(added).toHaveLength(3);
    const [lost, removed] = added as [ItemReport, ItemReport];
    await rm(path.join(seeds, `${lost.articleId}.md`));
    await rm(path.join(seeds, `${removed.articleId}.md`));
    first.store.markRemoved(removed.articleId as string);
    const { lines } = await poll(['/feeds/etag.rss']);
    expect(site.requestHeaders.at(-1)?.['if-none-match']).toBeUndefined();
    expect(lines.filter((l) => l.status === 'added').map((l) => l.articleId)).toEqual([
      lost.articleId,
    ]);
    expect(lines.find((l) => l.articleId === removed.articleId)?.reason).toBe(
      'removed by an admin',
    );
    const titles = (await loadCorpus(seeds)).articles.map((a) => a.id);
    expect(titles).toContain(lost.articleId);
    expect(titles).not.toContain(removed.articleId);
    // Everything in place again: the next poll is a 304 once more.
    const again = await poll(['/feeds/etag.rss']);
    expect(site.requestHeaders.at(-1)?.['if-none-match']).toBe('"v1"');
    expect(again.lines.map((l) => l.reason)).toEqual([
      'the feed has not changed since the last poll',
    ]);
  });

  it('sends ETag and Last-Modified back, and a 304 costs no item fetches', async () => {
    site.routes.set('/feeds/etag.rss', (request, response, base) => {
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, {
        'content-type': 'application/rss+xml',
        etag: '"v1"',
        'last-modified': 'Wed, 05 Mar 2025 10:00:00 GMT',
      });
      response.end(webFixture('gazette.rss').toString('utf8').replaceAll('{{BASE}}', base));
    });
    await poll(['/feeds/etag.rss']);
    const before = site.requests.length;
    const { lines, store } = await poll(['/feeds/etag.rss']);
    expect(site.requests.slice(before)).toEqual(['GET /feeds/etag.rss']);
    expect(site.requestHeaders.at(-1)?.['if-modified-since']).toBe('Wed, 05 Mar 2025 10:00:00 GMT');
    expect(lines).toEqual([
      expect.objectContaining({
        status: 'skipped',
        reason: 'the feed has not changed since the last poll',
      }),
    ]);
    expect(store.feed(`${site.base}/feeds/etag.rss`)).toMatchObject({
      itemCount: 4,
      errorCount: 0,
    });
  });

  it('reports a malformed feed, a 500 and a 429 by name and goes on with the next feed', async () => {
    const { lines, store } = await poll([
      '/trouble/malformed-feed',
      '/trouble/500',
      '/trouble/429',
      '/feeds/coastline.atom',
    ]);
    expect(lines.map((l) => [l.status, new URL(l.url).pathname, l.reason])).toEqual([
      ['failed', '/trouble/malformed-feed', 'it is not a valid RSS, Atom or JSON feed'],
      ['failed', '/trouble/500', 'the feed could not be read: the site had an error (500)'],
      [
        'failed',
        '/trouble/429',
        'the feed could not be read: the site asked us to slow down (429)',
      ],
      ['added', '/coastline/ferry-timetable', undefined],
    ]);
    expect(store.feed(`${site.base}/trouble/500`)).toMatchObject({
      errorCount: 1,
      nextPollAt: '2025-03-05T12:15:00.000Z',
    });
    expect(store.feed(`${site.base}/trouble/429`).retryAfterUntil).toBe('2025-03-05T12:02:00.000Z');
  });

  it('backs off after errors in a row and honours Retry-After', async () => {
    await poll(['/trouble/500']);
    const { store } = await poll(['/trouble/500'], new Date('2025-03-05T12:15:00Z'));
    expect(store.feed(`${site.base}/trouble/500`)).toMatchObject({
      errorCount: 2,
      nextPollAt: '2025-03-05T12:45:00.000Z',
    });
    await poll(['/trouble/429']);
    const before = site.requests.length;
    const { lines } = await poll(['/trouble/429'], new Date('2025-03-05T12:01:00Z'));
    expect(site.requests.length).toBe(before);
    expect(lines[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/asked us to wait until 2025-03-05T12:02/),
    });
  });
});
