import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionOf } from '../../src/corpus/collections.js';
import { loadCorpus } from '../../src/corpus/loadCorpus.js';
import { passageFieldCounts } from '../../src/search/passageFieldCounts.js';
import {
  compactPostings,
  UNDATED,
  unpackPostings,
} from '../../src/store/postgres/postingBlocks.js';
import { runCliProcess } from '../cli/runCliProcess.js';
import { projectRoot } from '../helpers.js';
import {
  HARBOUR_BRIDGE,
  HARBOUR_FERRIES,
  importFolder,
  importFromAnotherHost,
  newsroomFolder,
} from './newsroomArchive.js';
import { type PostgresCluster, startPostgres } from './postgresCluster.js';

/**
 * The packed postings the database's search reads in place of the passages: after every kind
 * of write they must say exactly what the articles say, or a question would miss a passage or
 * rank it by counts it no longer has.
 */
describe('posting blocks: each term, every passage holding it', () => {
  let cluster: PostgresCluster;
  let folder: string;
  let client: pg.Client;

  beforeAll(async () => {
    cluster = await startPostgres();
    folder = await newsroomFolder('newsdesk-postings-', HARBOUR_BRIDGE);
    client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    cluster?.remove();
    await rm(folder, { recursive: true, force: true });
  });

  /** Each term's postings as the blocks hold them, by article id and paragraph number. */
  async function stored(): Promise<Map<string, string[]>> {
    const collections = new Map(
      (
        await client.query<{ code: number; name: string }>('SELECT code, name FROM collections')
      ).rows.map((row) => [row.code, row.name]),
    );
    const names = new Map(
      (
        await client.query<{ key: number; article_id: string; number: number }>(
          'SELECT key, article_id, number FROM passages',
        )
      ).rows.map((row) => [row.key, `${row.article_id}#${row.number}`]),
    );
    const { rows } = await client.query<{
      term: string;
      first_key: number;
      last_key: number;
      postings: number;
      data: Buffer;
    }>(
      'SELECT term, first_key, last_key, postings, data FROM posting_blocks ORDER BY term, first_key',
    );
    const byTerm = new Map<string, string[]>();
    let previous: { term: string; last: number } | undefined;
    for (const row of rows) {
      const postings = unpackPostings(row.data);
      expect(postings.length).toBe(row.postings);
      expect(postings[0]?.key).toBe(row.first_key);
      expect(postings.at(-1)?.key).toBe(row.last_key);
      // A term's blocks follow one another in key order, with no key twice.
      if (previous?.term === row.term) expect(row.first_key).toBeGreaterThan(previous.last);
      previous = { term: row.term, last: row.last_key };
      const list = byTerm.get(row.term) ?? [];
      for (const { key, day, owner, lengths, counts } of postings) {
        const name = names.get(key);
        expect(name, `posting of ${row.term} names passage ${key}`).toBeDefined();
        const collection = owner === 0 ? null : (collections.get(owner) ?? `unknown ${owner}`);
        list.push(JSON.stringify([name, day, collection, lengths, counts]));
      }
      byTerm.set(row.term, list);
    }
    for (const list of byTerm.values()) list.sort();
    return byTerm;
  }

  /** Each term's postings as the articles of these folders make them. */
  async function expected(folders: readonly string[]): Promise<Map<string, string[]>> {
    const byTerm = new Map<string, string[]>();
    for (const from of folders) {
      for (const article of (await loadCorpus(from)).articles) {
        const collection = collectionOf(article.id);
        const day = article.published?.day ?? UNDATED;
        for (const { number, lengths, terms } of passageFieldCounts(article)) {
          for (const [term, counts] of terms) {
            const list = byTerm.get(term) ?? [];
            list.push(
              JSON.stringify([`${article.id}#${number}`, day, collection ?? null, lengths, counts]),
            );
            byTerm.set(term, list);
          }
        }
      }
    }
    for (const list of byTerm.values()) list.sort();
    return byTerm;
  }

  it('holds every passage of an import, a server’s own included, and keeps up with changes, removals and another host', async () => {
    await importFolder(folder, cluster.url);
    expect(await stored()).toEqual(await expected([folder]));
    expect((await client.query('SELECT name FROM collections')).rows).toEqual([{ name: '2001' }]);

    await writeFile(
      path.join(folder, 'business/coffee-chain-expands.txt'),
      'Coffee chain pauses expansion\n\nThe Harwick coffee chain has paused its plan to open ten new shops.\n',
    );
    await rm(path.join(folder, 'tech/video-game-sales.md'), { force: true });
    await importFromAnotherHost(HARBOUR_FERRIES, cluster.url);
    const pruned = await runCliProcess(['import', '--seeds', folder, '--prune'], {
      env: { DATABASE_URL: cluster.url, LOG_LEVEL: 'warn' },
    });
    expect(JSON.parse(pruned.stdout)).toMatchObject({ updated: 1, pruned: 1 });
    // The other host's article is no article of this folder, so it stays.
    const ferries = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-postings-ferries-'));
    try {
      await mkdir(path.join(ferries, 'business'));
      for (const [relative, text] of Object.entries(HARBOUR_FERRIES))
        await writeFile(path.join(ferries, relative), text);
      expect(await stored()).toEqual(await expected([folder, ferries]));
    } finally {
      await rm(ferries, { recursive: true, force: true });
    }
  });

  it('merges small blocks into few, keeping every posting', async () => {
    const before = await stored();
    const count = async () =>
      Number((await client.query('SELECT count(*) AS n FROM posting_blocks')).rows[0].n);
    const blocks = await count();
    const pool = new pg.Pool({ connectionString: cluster.url, max: 1 });
    const merging = await pool.connect();
    try {
      await merging.query('BEGIN');
      const gone = await compactPostings(merging, { minSmallBlocks: 2 });
      await merging.query('COMMIT');
      // Four imports and a removal left terms in several blocks; each is one block now.
      expect(gone).toBeGreaterThan(0);
      expect(await count()).toBe(blocks - gone);
      const perTerm = await client.query(
        'SELECT count(*) AS n FROM posting_blocks GROUP BY term HAVING count(*) > 1',
      );
      expect(perTerm.rows).toEqual([]);
    } finally {
      merging.release();
      await pool.end();
    }
    expect(await stored()).toEqual(before);
  });

  it('migration 008 packs the passages stored before it as an import packs them', async () => {
    const before = await stored();
    const sql = readFileSync(
      path.join(projectRoot, 'src/store/postgres/migrations/008-posting-blocks.sql'),
      'utf8',
    );
    const backfill = sql.slice(sql.indexOf('-- The passages stored before this migration'));
    await client.query('BEGIN');
    await client.query('DELETE FROM posting_blocks');
    await client.query('DELETE FROM collections');
    await client.query(backfill);
    const after = await stored();
    await client.query('ROLLBACK');
    expect(after).toEqual(before);
  });
});
