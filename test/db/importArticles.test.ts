import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { analyzeText } from '../../src/search/analyzeText.js';
import { PassageIndex } from '../../src/search/PassageIndex.js';
import { passageFieldCounts } from '../../src/search/passageFieldCounts.js';
import { runCliProcess } from '../cli/runCliProcess.js';
import { projectRoot } from '../helpers.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

describe('cli import: a folder into PostgreSQL', () => {
  let cluster: PostgresCluster;
  let folder: string;
  const cli = (args: string[], url = cluster.url) =>
    runCliProcess(args, { env: { DATABASE_URL: url, LOG_LEVEL: 'warn' } });
  const psql = async (sql: string) => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    cluster = await startPostgres();
    folder = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-import-'));
    await cp(path.join(projectRoot, 'test/fixtures/newsroom'), folder, { recursive: true });
  });
  afterAll(async () => {
    cluster?.remove();
    await rm(folder, { recursive: true, force: true });
  });

  it('loads every article with the passages and terms the in-memory index has, and again changes nothing', async () => {
    const first = await cli(['import', '--seeds', folder]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      articles: 30,
      added: 30,
      updated: 0,
      unchanged: 0,
      pruned: 0,
    });
    const index = new PassageIndex(await loadCorpus(folder));
    const counted = (await psql('SELECT count(*)::int AS count FROM passages')) as {
      count: number;
    }[];
    expect(counted[0]?.count).toBe(index.passages.length);
    const passage = index.passages[7] as (typeof index.passages)[number];
    const [row] = (await psql(
      `SELECT tsvector_to_array(terms) AS terms FROM passages
       WHERE article_id = '${passage.article.id}' AND number = ${passage.paragraph.number}`,
    )) as { terms: string[] }[];
    // Every term of the passage's headline, heading and paragraph: what the search matches.
    const fields = [passage.article.title, passage.paragraph.heading ?? '', passage.paragraph.text];
    expect(row?.terms.sort()).toEqual([...new Set(fields.flatMap(analyzeText))].sort());

    // Each article keeps its paragraphs' and sentences' offsets, so reading it splits nothing.
    expect(await psql('SELECT id FROM articles WHERE layout IS NULL')).toEqual([]);

    const again = await cli(['import', '--seeds', folder]);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, updated: 0, unchanged: 30 });
  });

  it('replaces a changed article and, with --prune, removes one that is gone', async () => {
    const file = path.join(folder, 'business/coffee-chain-expands.txt');
    await writeFile(
      file,
      'Coffee chain pauses expansion\n\nThe Harwick coffee chain has paused its plan to open ten new shops.\n',
    );
    await rm(path.join(folder, 'business/port-strike-shipping.txt'));
    const without = await cli(['import', '--seeds', folder]);
    expect(JSON.parse(without.stdout)).toMatchObject({
      articles: 29,
      updated: 1,
      unchanged: 28,
      pruned: 0,
    });
    const pruned = await cli(['import', '--seeds', folder, '--prune']);
    expect(JSON.parse(pruned.stdout)).toMatchObject({ articles: 29, unchanged: 29, pruned: 1 });
    const titles = (await psql(
      "SELECT title FROM articles WHERE id LIKE 'business/%' ORDER BY id",
    )) as { title: string }[];
    expect(titles.map((t) => t.title)).toContain('Coffee chain pauses expansion');
    expect(await psql("SELECT 1 FROM articles WHERE id = 'business/port-strike-shipping'")).toEqual(
      [],
    );
    // The ranking statistics, kept up to date through the change and the removal, are those of
    // the folder as it is now.
    const corpus = await loadCorpus(folder);
    const expected = new Map<string, number[]>();
    let passages = 0;
    for (const article of corpus.articles) {
      for (const passage of passageFieldCounts(article)) {
        passages++;
        for (const [term, counts] of passage.terms) {
          const total = expected.get(term) ?? [0, 0, 0];
          counts.forEach((count, field) => {
            if (count > 0) total[field] = (total[field] as number) + 1;
          });
          expected.set(term, total);
        }
      }
    }
    const rows = (await psql(
      'SELECT term, title_passages, heading_passages, text_passages FROM term_stats',
    )) as {
      term: string;
      title_passages: number;
      heading_passages: number;
      text_passages: number;
    }[];
    expect(
      new Map(rows.map((r) => [r.term, [r.title_passages, r.heading_passages, r.text_passages]])),
    ).toEqual(expected);
    const [totals] = (await psql(
      'SELECT articles::int, undated_articles::int, passages::int FROM archive_stats',
    )) as { articles: number; undated_articles: number; passages: number }[];
    expect(totals).toEqual({
      articles: corpus.articles.length,
      undated_articles: corpus.articles.filter((a) => !a.published).length,
      passages,
    });
  });

  it('says in one line what is wrong with the database, and never prints the password', async () => {
    const wrong = await cli(
      ['import', '--seeds', folder],
      cluster.url.replace(cluster.password, 'not-the-password'),
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim()).toBe(
      `DATABASE_URL: the database at 127.0.0.1:${cluster.port} refused the user name or password.`,
    );
    expect(wrong.stderr + wrong.stdout).not.toContain('not-the-password');
    const none = await runCliProcess(['import', '--seeds', folder], { env: { LOG_LEVEL: 'warn' } });
    expect(none.code).toBe(1);
    expect(none.stderr.trim()).toBe(
      'import needs DATABASE_URL: the PostgreSQL database to load the articles into.',
    );
  });
});
