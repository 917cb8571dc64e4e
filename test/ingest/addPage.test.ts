import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { addPage } from '../../src/ingest/addPage.js';
import { guardedLookup } from '../../src/ingest/fetchResource.js';
import { type LoopbackSite, startLoopbackSite, webFixture } from './loopbackSite.js';

let site: LoopbackSite;
let seeds: string;
const settings = { allowPrivate: true, timeoutMs: 3000, maxBytes: 1024 * 1024 };

beforeAll(async () => {
  site = await startLoopbackSite({
    '/news/harbour-bridge-repairs': { body: webFixture('harbour-bridge.html').toString('utf8') },
    '/news/harbour-bridge-repairs-amp': {
      body: webFixture('harbour-bridge.html').toString('utf8'),
    },
    '/coastline/ferry-timetable': { body: webFixture('ferry-timetable.html').toString('utf8') },
    '/login': { body: webFixture('login.html').toString('utf8') },
    '/fr/cafe': {
      headers: { 'content-type': 'text/html; charset=windows-1252' },
      body: webFixture('cafe-de-la-gare.windows-1252.html'),
    },
    '/moved': { status: 301, headers: { location: '/coastline/ferry-timetable' }, body: '' },
  });
});
beforeAll(async () => {
  seeds = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-add-'));
});
afterAll(async () => {
  await site.close();
  await rm(seeds, { recursive: true, force: true });
});

async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('addPage', () => {
  it('writes the article with its headline, date, author, site and canonical URL', async () => {
    const added = await addPage(`${site.base}/news/harbour-bridge-repairs-amp`, seeds, settings);
    expect(added).toMatchObject({
      ok: true,
      status: 'added',
      title: 'Harbour bridge to close for six weeks of repairs',
      url: `${site.base}/news/harbour-bridge-repairs`,
      published: '2025-03-04T08:30:00.000Z',
      path: expect.stringMatching(
        /^web\/127\.0\.0\.1\/2025-03-04-harbour-bridge-to-close-for-six-weeks-of-repairs-[0-9a-f]{6}\.md$/,
      ),
    });
    const corpus = await loadCorpus(seeds);
    const article = corpus.articles.find((a) => a.id === (added.ok ? added.articleId : ''));
    expect(article?.metadata).toMatchObject({
      url: `${site.base}/news/harbour-bridge-repairs`,
      source: 'Harwick Gazette',
      author: 'Priya Shah',
    });
    expect(article?.published).toBeDefined();
  });

  it('keeps paragraphs and section headings, and drops navigation, share bars and captions', async () => {
    const corpus = await loadCorpus(seeds);
    const article = corpus.articles[0];
    const kinds = article?.paragraphs.map((p) => p.kind);
    expect(kinds).toEqual(['body', 'body', 'heading', 'body', 'body', 'heading', 'body']);
    expect(article?.paragraphs[2]?.text).toBe('Why now');
    expect(article?.paragraphs[3]?.heading).toBe('Why now');
    for (const furniture of [
      'Share on Facebook',
      'Photo: Gazette archive',
      'Most read',
      'All rights reserved',
      'Weather',
    ])
      expect(article?.text).not.toContain(furniture);
    expect(article?.text).toContain('£4.2m');
  });

  it('adds a page once per canonical URL: unchanged when fetched again under another address', async () => {
    const again = await addPage(`${site.base}/news/harbour-bridge-repairs`, seeds, settings);
    expect(again).toMatchObject({ ok: true, status: 'unchanged' });
    expect((await filesIn(path.join(seeds, 'web/127.0.0.1'))).length).toBe(1);
  });

  it('rewrites the file in place when the page changed', async () => {
    const original = webFixture('harbour-bridge.html').toString('utf8');
    site.routes.set('/news/harbour-bridge-repairs', {
      body: original.replace('six weeks while', 'seven weeks while'),
    });
    const changed = await addPage(`${site.base}/news/harbour-bridge-repairs`, seeds, settings);
    site.routes.set('/news/harbour-bridge-repairs', { body: original });
    expect(changed).toMatchObject({ ok: true, status: 'updated' });
    const file = path.join(seeds, changed.ok ? changed.path : '');
    expect(await readFile(file, 'utf8')).toContain('seven weeks while');
    expect((await filesIn(path.join(seeds, 'web/127.0.0.1'))).length).toBe(1);
  });

  it('follows a redirect and dates an article from its <time> element', async () => {
    const added = await addPage(`${site.base}/moved`, seeds, settings);
    expect(added).toMatchObject({
      ok: true,
      status: 'added',
      title: 'Ferry timetable cut as crew shortage bites',
      url: `${site.base}/coastline/ferry-timetable`,
      published: '2025-02-18T00:00:00.000Z',
    });
  });

  it('reads a Windows-1252 page whose charset is named only in the HTTP header', async () => {
    const added = await addPage(`${site.base}/fr/cafe`, seeds, settings);
    expect(added.ok).toBe(true);
    const text = await readFile(path.join(seeds, added.ok ? added.path : ''), 'utf8');
    for (const word of [
      'café',
      'après',
      'rénovation',
      'l’exploite',
      'Hélène',
      'Bérard',
      '« Nous',
      'C’était',
    ])
      expect(text).toContain(word);
    expect(text).toContain('language: fr');
  });

  it.each([
    ['/login', /no article|too little text/],
    ['/trouble/404-nothing-here', /not found \(404\)/],
    ['/trouble/500', /had an error \(500\)/],
    ['/trouble/429', /slow down \(429\)/],
    ['/trouble/loop', /more than 5 redirects/],
    ['/trouble/binary', /image\/png, not a web page/],
    ['/trouble/binary-as-html', /binary file/],
    ['/trouble/huge', /larger than the 1 MB limit/],
  ])('refuses %s with a short reason and writes nothing', async (route, reason) => {
    const before = await filesIn(seeds);
    const added = await addPage(`${site.base}${route}`, seeds, settings);
    expect(added.ok).toBe(false);
    expect(added.ok ? '' : added.reason).toMatch(reason);
    expect(await filesIn(seeds)).toEqual(before);
  });

  it('gives up on a page that never finishes within the time-out', async () => {
    const started = Date.now();
    const added = await addPage(`${site.base}/trouble/slow`, seeds, {
      ...settings,
      timeoutMs: 800,
    });
    expect(added).toEqual({ ok: false, reason: 'no complete answer within 1 s' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses loopback and private addresses unless they are allowed', async () => {
    for (const url of [
      `${site.base}/coastline/ferry-timetable`,
      'http://localhost:9/',
      'http://10.0.0.8/',
      'http://[::1]/',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      const added = await addPage(url, seeds, { ...settings, allowPrivate: false });
      expect(added).toEqual({
        ok: false,
        reason: 'addresses on this machine or the local network are not fetched',
      });
    }
    expect(site.requests.filter((r) => r.includes('ferry-timetable')).length).toBe(1);
  });

  it('refuses what is not http(s)', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/a', 'javascript:alert(1)'])
      expect(await addPage(url, seeds, settings)).toEqual({
        ok: false,
        reason: 'only http and https addresses can be fetched',
      });
    expect(await addPage('not a url', seeds, settings)).toEqual({
      ok: false,
      reason: 'that is not a web address',
    });
  });

  it('names newsdesk in its user-agent', () => {
    expect(site.requestHeaders.every((h) => /newsdesk/.test(h['user-agent'] ?? ''))).toBe(true);
  });
});

describe('guardedLookup', () => {
  it('refuses a name that resolves to this machine, after DNS', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      guardedLookup('localhost', {}, (failure) => resolve(failure)),
    );
    expect(error?.code).toBe('EPRIVATE');
  });
});
