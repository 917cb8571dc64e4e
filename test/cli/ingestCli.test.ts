import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gazetteRoutes, type LoopbackSite, startLoopbackSite } from '../ingest/loopbackSite.js';
import { runCliProcess } from './runCliProcess.js';

let site: LoopbackSite;
let work: string;
let seeds: string;

beforeAll(async () => {
  site = await startLoopbackSite(gazetteRoutes());
  work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-ingest-cli-'));
  seeds = path.join(work, 'articles');
});
afterAll(async () => {
  await site.close();
  await rm(work, { recursive: true, force: true });
});

/** The JSON CLI in a child process, allowed to reach the loopback site unless told otherwise. */
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCliProcess(args, {
    env: {
      CACHE_DIR: path.join(work, 'cache'),
      DATA_DIR: path.join(work, 'data'),
      FEEDS_FILE: path.join(work, 'feeds.yml'),
      FEED_HOST_PAUSE_SECONDS: '0',
      FETCH_TIMEOUT_SECONDS: '3',
      ALLOW_PRIVATE_URLS: 'true',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });

describe('cli add', () => {
  it('prints one JSON object for the added page, then answers from it', async () => {
    const url = `${site.base}/news/harbour-bridge-repairs`;
    const added = await cli(['add', '--url', url, '--seeds', seeds]);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toEqual({
      articleId: expect.stringMatching(
        /^web\/127\.0\.0\.1\/2025-03-04-harbour-bridge-to-close-for-six-weeks-of-repairs-[0-9a-f]{6}$/,
      ),
      title: 'Harbour bridge to close for six weeks of repairs',
      url,
      published: '2025-03-04T08:30:00.000Z',
      path: expect.stringMatching(
        /^web\/127\.0\.0\.1\/2025-03-04-harbour-bridge-to-close-for-six-weeks-of-repairs-[0-9a-f]{6}\.md$/,
      ),
      status: 'added',
    });
    const { articleId, path: file } = JSON.parse(added.stdout);
    expect(file).toBe(`${articleId}.md`);
    const again = await cli(['add', '--url', url, '--seeds', seeds]);
    expect(JSON.parse(again.stdout).status).toBe('unchanged');

    const asked = await cli(['ask', '--seeds', seeds, 'how much will the bridge repairs cost']);
    const answer = JSON.parse(asked.stdout);
    expect(answer.answer).toContain('£4.2m');
    expect(answer.citations[0].articleId).toBe(JSON.parse(added.stdout).articleId);
  });

  it.each([
    ['/trouble/500', 'the site had an error (500)'],
    ['/trouble/404', 'the page was not found (404)'],
    ['/trouble/loop', 'more than 5 redirects'],
    ['/trouble/binary', 'it is image/png, not a web page'],
  ])('exits 1 with one line on stderr for %s', async (route, reason) => {
    const { code, stdout, stderr } = await cli([
      'add',
      '--url',
      `${site.base}${route}`,
      '--seeds',
      seeds,
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`Could not add ${site.base}${route}: ${reason}.\n`);
  });

  it('refuses a loopback URL without ALLOW_PRIVATE_URLS', async () => {
    const before = site.requests.length;
    const url = `${site.base}/coastline/ferry-timetable`;
    const { code, stderr } = await cli(['add', '--url', url, '--seeds', seeds], {
      ALLOW_PRIVATE_URLS: '',
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `Could not add ${url}: addresses on this machine or the local network are not fetched.\n`,
    );
    expect(site.requests.length).toBe(before);
  });
});

describe('cli feeds --once', () => {
  it('prints one JSON line per item and adds nothing twice over two runs', async () => {
    const feed = `${site.base}/feeds/gazette.rss`;
    const first = await cli(['feeds', '--once', '--feed', feed, '--seeds', seeds]);
    expect(first.code).toBe(0);
    const lines = first.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.feed, l.status])).toEqual([
      [feed, 'skipped'],
      [feed, 'added'],
      [feed, 'added'],
      [feed, 'failed'],
    ]);
    expect(lines[0].reason).toBe('already in the articles folder');
    const files = await readdir(seeds, { recursive: true });
    const second = await cli(['feeds', '--once', '--feed', feed, '--seeds', seeds]);
    const again = second.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(again.map((l) => l.status)).toEqual(['skipped', 'skipped', 'skipped', 'failed']);
    expect(await readdir(seeds, { recursive: true })).toEqual(files);
  });

  it('reads the feeds listed in FEEDS_FILE and reports a malformed one without stopping', async () => {
    await writeFile(
      path.join(work, 'feeds.yml'),
      `feeds:\n  - ${site.base}/trouble/malformed-feed\n  - url: ${site.base}/feeds/gazette.rss\n  - not a url\n`,
    );
    const { code, stdout, stderr } = await cli(['feeds', '--once', '--seeds', seeds]);
    expect(code).toBe(1);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toEqual({
      feed: `${site.base}/trouble/malformed-feed`,
      url: `${site.base}/trouble/malformed-feed`,
      status: 'failed',
      reason: 'it is not a valid RSS, Atom or JSON feed',
    });
    expect(lines.slice(1).map((l) => l.status)).toEqual([
      'skipped',
      'skipped',
      'skipped',
      'failed',
    ]);
    expect(stderr).toContain('entry 3 is not an http(s) URL');
    expect(stderr).toContain(
      `Could not read the feed ${site.base}/trouble/malformed-feed: it is not a valid RSS, Atom or JSON feed.\n`,
    );
  });
});

describe('cli --guild: each server’s additions stay in that server', () => {
  it('cites a page added with --guild A first in A, and never in B, not even asked by its title', async () => {
    const servers = path.join(work, 'servers-articles');
    await cli(['add', '--url', `${site.base}/coastline/ferry-timetable`, '--seeds', servers]);
    const url = `${site.base}/news/harbour-bridge-repairs`;
    const added = await cli(['add', '--url', url, '--seeds', servers, '--guild', '1001']);
    expect(added.code).toBe(0);
    const { articleId, path: file } = JSON.parse(added.stdout);
    expect(articleId).toMatch(/^servers\/1001\/web\/127\.0\.0\.1\/2025-03-04-harbour-bridge/);
    expect(file).toBe(`${articleId}.md`);

    const ask = async (guild: string[], question: string) =>
      JSON.parse((await cli(['ask', '--seeds', servers, ...guild, question])).stdout);
    const title = 'Harbour bridge to close for six weeks of repairs';
    const inA = await ask(
      ['--guild', '1001'],
      'how many vehicles use the harbour bridge every day',
    );
    expect(inA.citations[0]).toMatchObject({ articleId, scope: '1001' });
    for (const question of ['how many vehicles use the harbour bridge every day', title]) {
      const inB = await ask(['--guild', '2002'], question);
      expect(JSON.stringify(inB)).not.toContain(articleId);
      for (const citation of inB.citations) expect(citation.scope).toBe('shared');
    }
    const operator = await ask([], 'how many vehicles use the harbour bridge every day');
    expect(operator.citations[0]).toMatchObject({ articleId, scope: '1001' });

    const listed = async (guild: string[]) =>
      JSON.parse((await cli(['articles', '--seeds', servers, ...guild])).stdout).map(
        (a: { articleId: string }) => a.articleId,
      );
    expect(await listed(['--guild', '2002'])).not.toContain(articleId);
    expect(await listed(['--guild', '1001'])).toContain(articleId);
    const source = await cli([
      'source',
      '--seeds',
      servers,
      '--guild',
      '2002',
      '--article',
      articleId,
    ]);
    expect(source.code).toBe(1);
    expect(source.stdout).toBe('');
    const bad = await cli(['articles', '--seeds', servers, '--guild', '../etc']);
    expect(bad.code).toBe(2);
  });

  it('with ADD_SCOPE=shared puts a server’s page in the shared collection, which every server sees', async () => {
    const shared = path.join(work, 'shared-scope-articles');
    const url = `${site.base}/news/harbour-bridge-repairs`;
    const added = await cli(['add', '--url', url, '--seeds', shared, '--guild', '1001'], {
      ADD_SCOPE: 'shared',
    });
    const { articleId } = JSON.parse(added.stdout);
    expect(articleId).toMatch(/^web\/127\.0\.0\.1\//);
    const inB = JSON.parse(
      (
        await cli([
          'ask',
          '--seeds',
          shared,
          '--guild',
          '2002',
          'how many vehicles use the harbour bridge every day',
        ])
      ).stdout,
    );
    expect(inB.citations[0]).toMatchObject({ articleId, scope: 'shared' });
  });

  it('cli remove deletes an article for good, while a file lost by accident comes back from its feed', async () => {
    const folder = path.join(work, 'remove-articles');
    const env = { DATA_DIR: path.join(work, 'remove-data') };
    const feed = `${site.base}/feeds/gazette.rss`;
    const first = await cli(['feeds', '--once', '--feed', feed, '--seeds', folder], env);
    const added = first.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((line) => line.status === 'added');
    const [gone, lost] = added as [{ articleId: string }, { articleId: string }];
    const removed = await cli(['remove', '--article', gone.articleId, '--seeds', folder], env);
    expect(JSON.parse(removed.stdout)).toMatchObject({
      articleId: gone.articleId,
      status: 'removed',
      feedItems: 1,
    });
    await rm(path.join(folder, `${lost.articleId}.md`));
    const second = await cli(['feeds', '--once', '--feed', feed, '--seeds', folder], env);
    const lines = second.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.filter((l) => l.status === 'added').map((l) => l.articleId)).toEqual([
      lost.articleId,
    ]);
    expect(lines.find((l) => l.articleId === gone.articleId)?.reason).toBe('removed by an admin');
    const unknown = await cli(['remove', '--article', 'no/such-article', '--seeds', folder], env);
    expect(unknown.code).toBe(1);
  });
});
