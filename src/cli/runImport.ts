import { realpath } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { loadCorpus } from '../corpus/loadCorpus.js';
import { describeLoadFailure } from '../describeLoadFailure.js';
import { importArticles } from '../store/postgres/importArticles.js';
import { migrate } from '../store/postgres/migrate.js';
import { describeDatabaseError, openDatabase } from '../store/postgres/openDatabase.js';

/** What `cli import` needs. */
export interface ImportContext {
  database?: { url: string; poolSize: number };
  maxFileBytes: number;
  stdout: Writable;
  stderr: Writable;
}

/**
 * `cli import --seeds DIR [--prune]`: loads a folder into DATABASE_URL's database, bringing
 * its schema up to date first. Prints one JSON line: `{articles, added, updated, unchanged,
 * pruned, seconds}`. Exit 1 with one line on stderr when the folder or the database cannot be
 * used; the password never appears.
 */
export async function runImport(
  folder: string,
  prune: boolean,
  context: ImportContext,
): Promise<number> {
  const fail = (message: string) => {
    context.stderr.write(`${message}\n`);
    return 1;
  };
  if (!context.database)
    return fail('import needs DATABASE_URL: the PostgreSQL database to load the articles into.');
  const started = performance.now();
  let corpus: Awaited<ReturnType<typeof loadCorpus>>;
  let root: string;
  try {
    root = await realpath(folder);
    corpus = await loadCorpus(root, { maxFileBytes: context.maxFileBytes });
  } catch (error) {
    return fail(describeLoadFailure(folder, error));
  }
  const opened = await openDatabase({
    url: context.database.url,
    poolSize: context.database.poolSize,
    // Importing writes many rows at once; a question's time-out would cut it short.
    statementTimeoutMs: 120_000,
  });
  if (!opened.ok) return fail(opened.problem);
  try {
    await migrate(opened.pool);
    const report = await importArticles(opened.pool, corpus.articles, {
      folder: root,
      prune,
      bulkLoad: true,
    });
    context.stdout.write(
      `${JSON.stringify({ ...report, seconds: Number(((performance.now() - started) / 1000).toFixed(3)) })}\n`,
    );
    return 0;
  } catch (error) {
    return fail(describeDatabaseError(error, context.database.url));
  } finally {
    await opened.pool.end();
  }
}
