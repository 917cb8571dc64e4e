import { rm } from 'node:fs/promises';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleKey } from '../../src/corpus/articleKey.js';
import { OPERATOR, type Viewer } from '../../src/corpus/collections.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import type { Article, Corpus } from '../../src/corpus/types.js';
import { PassageIndex } from '../../src/search/PassageIndex.js';
import type { ArticleStore } from '../../src/store/ArticleStore.js';
import { memoryArticleStore } from '../../src/store/memoryArticleStore.js';
import { databaseArticleStore } from '../../src/store/postgres/databaseArticleStore.js';
import { importArticles } from '../../src/store/postgres/importArticles.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { openDatabase } from '../../src/store/postgres/openDatabase.js';
import { HARBOUR_BRIDGE, newsroomFolder } from './newsroomArchive.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

const VIEWERS: [string, Viewer][] = [
  ['the operator', OPERATOR],
  ['server 2001', { guildId: '2001' }],
  ['a DM', { guildId: null }],
];

/** What a reader may type to name an article: ids, headlines, words of them, nothing, nonsense. */
const REFERENCES = [
  'business/coffee-chain-expands.txt',
  'BUSINESS/Coffee-Chain-Expands.txt',
  'servers/2001/harbour-bridge.txt',
  'harbour bridge reopens',
  'coffee',
  'festival',
  'minister resigns',
  'sport/',
  'harwick',
  '100% _real_ news',
  '   ',
  'zzzz',
];

const ids = (articles: readonly Article[]) => articles.map((a) => a.id);

describe('the database article store: what the folder mode finds, lists and summarises', () => {
  let cluster: PostgresCluster;
  let folder: string;
  let pool: pg.Pool;
  let corpus: Corpus;
  let memory: ArticleStore;
  let database: ArticleStore;

  beforeAll(async () => {
    cluster = await startPostgres();
    folder = await newsroomFolder('newsdesk-store-', {
      ...HARBOUR_BRIDGE,
      'servers/2002/harbour-ferry.txt':
        'Harbour ferry returns\n\nThe Harwick harbour ferry returns on Friday after a month of repairs.\n',
    });
    corpus = await loadCorpus(folder);
    const index = new PassageIndex(corpus);
    memory = memoryArticleStore(() => index);
    const opened = await openDatabase({ url: cluster.url, poolSize: 4 });
    if (!opened.ok) throw new Error(opened.problem);
    pool = opened.pool;
    await migrate(pool);
    await importArticles(pool, corpus.articles, { folder });
    database = databaseArticleStore(pool);
  });
  afterAll(async () => {
    await pool?.end();
    cluster?.remove();
    await rm(folder, { recursive: true, force: true });
  });

  for (const [who, viewer] of VIEWERS) {
    it(`counts and names articles as the folder does, for ${who}`, async () => {
      expect(await database.count(viewer)).toBe(await memory.count(viewer));
      for (const reference of REFERENCES) {
        for (const options of [{}, { allowPartial: true }, { maxSuggestions: 2 }]) {
          const [fromFolder, fromDatabase] = await Promise.all([
            memory.find(reference, viewer, options),
            database.find(reference, viewer, options),
          ]);
          const shape = (r: typeof fromFolder) =>
            r.found ? { id: r.article.id } : { reason: r.reason, ids: ids(r.suggestions) };
          expect(shape(fromDatabase), `${reference} ${JSON.stringify(options)}`).toEqual(
            shape(fromFolder),
          );
          if (fromDatabase.found)
            expect(fromDatabase.article).toEqual(fromFolder.found && fromFolder.article);
        }
      }
      for (const typed of ['', 'harbour', 'Coffee Chain', 'resign', 'nothing like it']) {
        expect(ids(await database.suggest(typed, viewer, 5)), typed).toEqual(
          ids(await memory.suggest(typed, viewer, 5)),
        );
      }
    });

    it(`finds an article by its key only where ${who} may read it`, async () => {
      for (const article of corpus.articles) {
        const key = articleKey(article.id);
        expect((await database.byKey(key, viewer))?.id).toBe((await memory.byKey(key, viewer))?.id);
      }
      expect(await database.byKey('no-such-key', viewer)).toBeUndefined();
    });

    it(`lists pages of articles newest first, kept to the dates asked, for ${who}`, async () => {
      const asked = [
        {},
        { from: 'March 2025' },
        { from: '2025-03-01', to: '2025-03-10' },
        { to: '2025-03-05' },
        { from: 'not a date' },
      ];
      for (const dates of asked) {
        for (const [offset, limit] of [
          [0, 5],
          [5, 20],
          [30, 10],
        ] as const) {
          const [fromFolder, fromDatabase] = await Promise.all([
            memory.page(viewer, dates, offset, limit),
            database.page(viewer, dates, offset, limit),
          ]);
          const shape = (p: typeof fromFolder) =>
            p.ok ? { ids: ids(p.articles), total: p.total, scope: p.scope } : p;
          expect(shape(fromDatabase), JSON.stringify(dates)).toEqual(shape(fromFolder));
        }
      }
    });

    it(`finds the same related articles, for ${who}`, async () => {
      let found = 0;
      for (const article of corpus.articles) {
        const related = await database.related(article, viewer);
        expect(related, article.id).toEqual(await memory.related(article, viewer));
        found += related.length;
      }
      expect(found).toBeGreaterThan(corpus.articles.length);
    });
  }

  it("names and suggests only a server's own articles when asked to, as /remove does", async () => {
    const viewer = { guildId: '2001' };
    for (const reference of [...REFERENCES, 'harbour']) {
      const shape = (r: Awaited<ReturnType<ArticleStore['find']>>) =>
        r.found ? { id: r.article.id } : { reason: r.reason, ids: ids(r.suggestions) };
      expect(
        shape(await database.find(reference, viewer, { ownOf: '2001', allowPartial: true })),
        reference,
      ).toEqual(shape(await memory.find(reference, viewer, { ownOf: '2001', allowPartial: true })));
    }
    for (const typed of ['', 'harbour', 'coffee']) {
      const own = await database.suggest(typed, viewer, 5, '2001');
      expect(ids(own)).toEqual(ids(await memory.suggest(typed, viewer, 5, '2001')));
      expect(own.every((a) => a.id.startsWith('servers/2001/'))).toBe(true);
    }
    expect(ids(await database.suggest('harbour', viewer, 5, '2001'))).toEqual([
      'servers/2001/harbour-bridge',
    ]);
  });

  it('summarises every article as the folder does, weighing words by the whole archive', async () => {
    for (const article of corpus.articles) {
      for (const length of ['short', 'long'] as const) {
        expect(await database.summarize(article, length), article.id).toEqual(
          await memory.summarize(article, length),
        );
      }
    }
  });

  it('says plainly that no article has a date, rather than listing none', async () => {
    const { rows } = await pool.query<{ id: string; day: number | null }>(
      'SELECT id, published_day AS day FROM articles',
    );
    await pool.query('UPDATE articles SET published_day = NULL');
    try {
      const page = await database.page(OPERATOR, { from: 'March 2025' }, 0, 5);
      expect(page).toEqual({ ok: false, message: expect.stringMatching(/publication date/) });
    } finally {
      await pool.query(
        'UPDATE articles a SET published_day = r.day FROM unnest($1::text[], $2::int[]) r(id, day) WHERE a.id = r.id',
        [rows.map((r) => r.id), rows.map((r) => r.day)],
      );
    }
  });
});
