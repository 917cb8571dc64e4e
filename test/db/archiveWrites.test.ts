import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabaseWriter } from '../../src/store/postgres/databaseWriter.js';
import { runCliProcess } from '../cli/runCliProcess.js';
import { gazetteRoutes, type LoopbackSite, startLoopbackSite } from '../ingest/loopbackSite.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

/**
 * Two hosts on one database: one fetches pages and feeds into its own articles folder, the
 * other has an empty folder and answers from the database alone.
 */
describe('cli add, feeds and remove with DATABASE_URL: the database follows the folder', () => {
  let cluster: PostgresCluster;
  let site: LoopbackSite;
  let work: string;
  const hostA = () => path.join(work, 'a');
  const hostB = () => path.join(work, 'b');

  beforeAll(async () => {
    cluster = await startPostgres();
    site = await startLoopbackSite(gazetteRoutes());
    work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-archive-writes-'));
  });
  afterAll(async () => {
    cluster?.remove();
    await site?.close();
    await rm(work, { recursive: true, force: true });
  });

  const cli = (args: string[], seeds: string, url = cluster.url) =>
    runCliProcess([...args, '--seeds', seeds], {
      env: {
        DATABASE_URL: url,
        DATA_DIR: path.join(seeds, '.data'),
        CACHE_DIR: path.join(work, 'cache'),
        FEED_HOST_PAUSE_SECONDS: '0',
        FETCH_TIMEOUT_SECONDS: '3',
        ALLOW_PRIVATE_URLS: 'true',
        LOG_LEVEL: 'warn',
      },
    });
  const askB = async (question: string) => {
    const asked = await cli(['ask', question], hostB());
    expect(asked.code, asked.stderr).toBe(0);
    return JSON.parse(asked.stdout);
  };

  it('answers on one host about a page added on another, until it is removed', async () => {
    const added = await cli(['add', '--url', `${site.base}/news/harbour-bridge-repairs`], hostA());
    expect(added.code, added.stderr).toBe(0);
    const { articleId } = JSON.parse(added.stdout);

    const answer = await askB('how much will the bridge repairs cost');
    expect(answer.answer).toContain('£4.2m');
    expect(answer.citations[0].articleId).toBe(articleId);

    const removed = await cli(['remove', '--article', articleId], hostA());
    expect(removed.code, removed.stderr).toBe(0);
    const after = await askB('how much will the bridge repairs cost');
    expect(after.citations.map((c: { articleId: string }) => c.articleId)).not.toContain(articleId);
  });

  it('loads what a feed added into the database', async () => {
    const read = await cli(
      ['feeds', '--once', '--feed', `${site.base}/feeds/gazette.rss`],
      hostA(),
    );
    const lines = read.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const added = lines.filter((line) => line.status === 'added');
    expect(added.length).toBeGreaterThan(0);
    for (const line of added) expect(line.path).toBe(`${line.articleId}.md`);
    const answer = await askB('when does the first ferry leave');
    expect(answer.citations.map((c: { articleId: string }) => c.articleId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/ferry/)]),
    );
  });

  it('says in one line, before fetching anything, that the database cannot be reached', async () => {
    const down = cluster.url.replace(/:(\d+)\//, ':1/');
    const requests = site.requests.length;
    const added = await cli(
      ['add', '--url', `${site.base}/coastline/ferry-timetable`],
      hostA(),
      down,
    );
    expect(added.code).toBe(1);
    expect(added.stderr.trim().split('\n')).toHaveLength(1);
    expect(added.stderr).toContain('DATABASE_URL');
    expect(added.stderr).not.toContain(cluster.password);
    expect(site.requests.length).toBe(requests);
  });

  it("takes only that server's own articles out when the bot has left a server for good", async () => {
    const folder = path.join(work, 'servers-left');
    const own = (guild: string) => path.join(folder, 'servers', guild);
    await mkdir(own('2001'), { recursive: true });
    await mkdir(own('20012'), { recursive: true });
    await writeFile(
      path.join(own('2001'), 'pier.txt'),
      'Pier repairs begin\n\nRepairs to the Ellsmouth pier will cost £3m, the council said.\n',
    );
    await writeFile(
      path.join(own('20012'), 'pool.txt'),
      'Pool reopens\n\nThe Harwick pool reopens on Saturday after a new roof costing £2m.\n',
    );
    const imported = await runCliProcess(['import', '--seeds', folder], {
      env: { DATABASE_URL: cluster.url, LOG_LEVEL: 'warn' },
    });
    expect(imported.code, imported.stderr).toBe(0);
    const opened = await openDatabaseWriter({ url: cluster.url, poolSize: 2 }, folder, 2 ** 20);
    if (!opened.ok) throw new Error(opened.problem);
    try {
      expect(await opened.writer.removeServer('2001')).toEqual({ ok: true });
    } finally {
      await opened.writer.close();
    }
    const ask = async (guild: string, question: string) =>
      JSON.parse((await cli(['ask', '--guild', guild, question], hostB())).stdout);
    expect((await ask('2001', 'How much will the pier repairs cost?')).answer).not.toContain('£3m');
    // Another server whose id starts with the same digits keeps its own.
    expect((await ask('20012', 'How much did the pool roof cost?')).answer).toContain('£2m');
  });
});
