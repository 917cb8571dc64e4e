import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import type { Article } from '../../src/corpus/types.js';
import { indexNews } from '../../src/delivery/indexNews.js';
import type { NewsSource } from '../../src/delivery/NewsSource.js';
import { topicScore } from '../../src/delivery/topicScore.js';
import type { Subscription } from '../../src/delivery/types.js';
import { PassageIndex } from '../../src/search/PassageIndex.js';
import { databaseArticleStore } from '../../src/store/postgres/databaseArticleStore.js';
import { databaseDeliveryRecords } from '../../src/store/postgres/databaseDeliveryRecords.js';
import { databaseNews } from '../../src/store/postgres/databaseNews.js';
import { importArticles } from '../../src/store/postgres/importArticles.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { openDatabase } from '../../src/store/postgres/openDatabase.js';
import { runCliProcess } from '../cli/runCliProcess.js';
import { projectRoot } from '../helpers.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

const ALERT: Subscription = {
  kind: 'alert',
  id: 'alert-marathon',
  guildId: '2001',
  channelId: '700000000000000002',
  topic: 'marathon record',
  createdAt: '2025-03-05T09:00:00.000Z',
  createdBy: '1',
};

/**
 * What delivery keeps and reads in the database: the subscriptions, the deliverer's record
 * (which only the latest process to take the job may write), and the news: what arrived,
 * each post's summary and a day's briefing, as the folder mode finds them.
 */
describe('delivery with a database', () => {
  let cluster: PostgresCluster;
  let folder: string;
  let pool: pg.Pool;
  let articles: Article[];
  let folderNews: NewsSource;
  let news: NewsSource;

  beforeAll(async () => {
    cluster = await startPostgres();
    folder = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-delivery-records-'));
    await cp(path.join(projectRoot, 'test/fixtures/briefing'), folder, { recursive: true });
    articles = (await loadCorpus(folder)).articles;
    const index = new PassageIndex({ articles, skipped: [], warnings: [] });
    folderNews = indexNews(() => index);
    const opened = await openDatabase({ url: cluster.url, poolSize: 4 });
    if (!opened.ok) throw new Error(opened.problem);
    pool = opened.pool;
    await migrate(pool);
    news = databaseNews(pool, databaseArticleStore(pool));
  });
  afterAll(async () => {
    await pool?.end();
    cluster?.remove();
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps subscriptions for every process: one per id, oldest first, removed once', async () => {
    const { subscriptions } = databaseDeliveryRecords(pool);
    const older = { ...ALERT, id: 'alert-older', createdAt: '2025-03-01T00:00:00.000Z' };
    await subscriptions.save(ALERT);
    await subscriptions.save(older);
    await subscriptions.save({ ...ALERT, topic: 'marathon world record' });
    expect((await subscriptions.list()).map((s) => s.id)).toEqual(['alert-older', ALERT.id]);
    expect(await subscriptions.get(ALERT.id)).toMatchObject({ topic: 'marathon world record' });
    expect(await subscriptions.remove('alert-older')).toBe(true);
    expect(await subscriptions.remove('alert-older')).toBe(false);
    expect(await databaseDeliveryRecords(pool).subscriptions.list()).toHaveLength(1);
  });

  it('lets only the process that took the job last record its posts', async () => {
    const records = databaseDeliveryRecords(pool);
    const earlier = (await records.openRecord()).state;
    earlier.setKnownArticles(7);
    await earlier.flush();
    expect((await records.readRecord())?.knownArticles).toBe(7);

    const later = (await databaseDeliveryRecords(pool).openRecord()).state;
    expect(later.knownArticles).toBe(7);
    earlier.setKnownArticles(8);
    await expect(earlier.flush()).rejects.toThrow(/another process delivers now/);
    later.setKnownArticles(9);
    await later.flush();
    expect((await records.readRecord())?.knownArticles).toBe(9);
  });

  it('finds what arrived after a look, not what was there or changed, and a bulk load only by number', async () => {
    const [first, ...rest] = articles as [Article, ...Article[]];
    await importArticles(pool, [first], { folder });
    const start = await news.arrivals(null, { limit: 3 });
    expect(start).toMatchObject({ count: 0, articles: [] });

    await importArticles(pool, rest.slice(0, 2), { folder });
    await importArticles(pool, [{ ...first, text: `${first.text}\n\nAn update.` }], { folder });
    const arrived = await news.arrivals(start.mark, { limit: 3, weigh: [ALERT.topic] });
    expect(arrived.articles.map((a) => a.id)).toEqual(rest.slice(0, 2).map((a) => a.id));
    expect(await news.arrivals(arrived.mark, { limit: 3 })).toMatchObject({ count: 0 });

    await importArticles(pool, rest.slice(2), { folder });
    const bulk = await news.arrivals(arrived.mark, { limit: 2 });
    expect(bulk).toMatchObject({ count: rest.length - 2, articles: [] });
    expect(bulk.index).toBeUndefined();
  });

  it('scores, summarises and briefs as the folder mode does', async () => {
    // Every article stored as the folder holds it; all of them arrived after mark 0.
    await importArticles(pool, articles, { folder });
    const arrived = await news.arrivals(0, { limit: 10, weigh: [ALERT.topic] });
    const inFolder = await folderNews.arrivals([], { limit: 10 });
    expect(arrived.articles.map((a) => a.id).sort()).toEqual(articles.map((a) => a.id).sort());
    for (const article of articles) {
      const stored = arrived.articles.find((a) => a.id === article.id) as Article;
      expect(topicScore(arrived.index as PassageIndex, ALERT.topic, stored)).toBeCloseTo(
        topicScore(inFolder.index as PassageIndex, ALERT.topic, article),
        10,
      );
      expect(await news.summarize(stored)).toEqual(await folderNews.summarize(article));
    }
    const at = { at: new Date('2025-03-05T07:00:00Z'), timezone: 'Europe/Berlin', limit: 10 };
    const briefing = await news.briefing(at);
    expect(briefing.items.length).toBeGreaterThan(1);
    expect(briefing).toEqual(await folderNews.briefing(at));
  });

  it('prints the same briefing from the database with cli briefing, whatever the folder holds', async () => {
    await importArticles(pool, articles, { folder });
    const empty = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-empty-'));
    try {
      const args = ['briefing', '--at', '2025-03-05T08:00', '--timezone', 'Europe/Berlin'];
      const [fromDatabase, fromFolder] = await Promise.all([
        runCliProcess([...args, '--seeds', empty], {
          env: { DATABASE_URL: cluster.url, LOG_LEVEL: 'warn' },
        }),
        runCliProcess([...args, '--seeds', folder], { env: { LOG_LEVEL: 'warn' } }),
      ]);
      expect(fromDatabase.code, fromDatabase.stderr).toBe(0);
      expect(fromFolder.code, fromFolder.stderr).toBe(0);
      const briefing = JSON.parse(fromDatabase.stdout) as { items: { sources: string[] }[] };
      expect(briefing.items[0]?.sources.length).toBeGreaterThan(1);
      expect(briefing).toEqual(JSON.parse(fromFolder.stdout));
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
