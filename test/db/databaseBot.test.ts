import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../cli/runCliProcess.js';
import { type BotProcess, spawnBot } from '../discord/botProcess.js';
import { FakeDiscord, GUILD_ID, MANAGER_PERMISSIONS } from '../discord/fakeDiscord.js';
import { newsroomDir } from '../helpers.js';
import { type LoopbackSite, startLoopbackSite, webFixture } from '../ingest/loopbackSite.js';
import { HARBOUR_FERRIES, importFolder, importFromAnotherHost } from './newsroomArchive.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

type Reply = {
  type?: number;
  data?: {
    embeds?: { title?: string; description?: string }[];
    choices?: { name: string; value: string }[];
  };
};

describe('the bot with DATABASE_URL: every command from the database, whatever its folder holds', () => {
  let cluster: PostgresCluster;
  let fake: FakeDiscord;
  let work: string;
  let bot: BotProcess;
  let site: LoopbackSite;

  const reply = async (token: string): Promise<Reply> =>
    (await fake.waitFor(() => fake.requests.find((r) => r.path.includes(token)), 10_000))
      .body as Reply;
  const ask = (question: string) =>
    fake.sendCommand('ask', [{ name: 'question', type: 3, value: question }]).token;

  beforeAll(async () => {
    cluster = await startPostgres();
    fake = await FakeDiscord.start();
    site = await startLoopbackSite({
      '/coastline/ferry-timetable': { body: webFixture('ferry-timetable.html').toString('utf8') },
    });
    work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-db-bot-'));
    await importFolder(newsroomDir, cluster.url);
    await mkdir(path.join(work, 'empty'));
    bot = spawnBot(
      fake,
      {
        DATABASE_URL: cluster.url,
        SEEDS_DIR: path.join(work, 'empty'),
        DATA_DIR: path.join(work, 'data'),
        CACHE_DIR: path.join(work, 'cache'),
        LOG_LEVEL: 'info',
        ALLOW_PRIVATE_URLS: 'true',
      },
      { killAfterMs: 120_000 },
    );
    await fake.waitFor(() => bot.logs.find((l) => l.msg === 'connected to Discord'), 30_000);
  });
  afterAll(async () => {
    bot?.stop();
    await fake?.close();
    await site?.close();
    cluster?.remove();
    await rm(work, { recursive: true, force: true });
  });

  it('answers, names, lists and summarises the stored articles, never logging the password', async () => {
    const answer = await reply(ask('Why did the transport minister resign?'));
    expect(answer.data?.embeds?.[0]?.description).toMatch(/\[1\]/);

    const suggested = await reply(fake.sendAutocomplete('summary', 'article', 'coffee').token);
    expect(suggested.data?.choices?.map((c) => c.value)).toContain('business/coffee-chain-expands');
    const summary = await reply(
      fake.sendCommand('summary', [
        { name: 'article', type: 3, value: 'business/coffee-chain-expands' },
      ]).token,
    );
    expect(summary.data?.embeds?.[0]?.title).toMatch(/coffee/i);
    const listed = await reply(fake.sendCommand('articles').token);
    expect(listed.data?.embeds?.[0]?.title).toBe('30 articles');

    const ready = bot.logs.find((l) => l.msg === 'articles indexed');
    expect(ready).toMatchObject({ articles: 30, source: 'database' });
    expect(bot.output()).not.toContain(new URL(cluster.url).password);
  });

  it('answers about an article another process stores within 2 seconds', async () => {
    const question = 'How many electric ferries will the Ellsmouth harbour company buy?';
    const before = await reply(ask(question));
    expect(before.data?.embeds?.[0]?.description ?? '').not.toContain('electric ferries');

    await importFromAnotherHost(HARBOUR_FERRIES, cluster.url);
    const asked = Date.now();
    const after = await reply(ask(question));
    expect(Date.now() - asked).toBeLessThan(2000);
    expect(after.data?.embeds?.[0]?.description).toMatch(/will buy \*\*four\*\* electric ferries/);
  });

  it('stores a page a server adds with /add, so another process answers about it', async () => {
    const added = fake.sendCommand(
      'add',
      [{ name: 'url', type: 3, value: `${site.base}/coastline/ferry-timetable` }],
      fake.newUser(MANAGER_PERMISSIONS),
    );
    await fake.waitFor(
      () =>
        fake.requests.find(
          (r) =>
            r.path.includes(added.token) &&
            r.method === 'PATCH' &&
            JSON.stringify(r.body).includes('Added'),
        ),
      15_000,
    );
    const answered = await runCliProcess(
      [
        'ask',
        '--guild',
        GUILD_ID,
        '--seeds',
        path.join(work, 'empty'),
        'How many crossings a day will the island ferry run?',
      ],
      {
        env: { DATABASE_URL: cluster.url, LOG_LEVEL: 'warn' },
      },
    );
    expect(answered.code, answered.stderr).toBe(0);
    expect(JSON.parse(answered.stdout).answer).toMatch(/four crossings a day/);
  });
});
