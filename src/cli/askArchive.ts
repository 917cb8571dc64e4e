import type { Readable, Writable } from 'node:stream';
import type { AnswerSource, Ask } from '../answer/Ask.js';
import type { Rewriter } from '../conversation/askFollowUp.js';
import { askFollowUp } from '../conversation/askFollowUp.js';
import type { Viewer } from '../corpus/collections.js';
import { archiveAnswers } from '../store/postgres/archiveAsk.js';
import { databaseArchive } from '../store/postgres/databaseArchive.js';
import { migrate } from '../store/postgres/migrate.js';
import {
  describeDatabaseError,
  openDatabase,
  openReadPool,
} from '../store/postgres/openDatabase.js';
import { answerQuestions } from './answerQuestions.js';

/**
 * `cli ask` with DATABASE_URL: the answers come from the database, whatever the articles folder
 * holds. Exit 1 with one line on stderr when the database cannot be used; the password never
 * appears.
 */
export async function askArchive(
  args: { question?: string; jsonl?: boolean },
  database: { url: string; readUrl?: string; poolSize: number },
  viewer: Viewer,
  io: { stdin: Readable; stdout: Writable; stderr: Writable },
  makeAsk?: (source: AnswerSource) => Promise<{ ask: Ask; rewrite?: Rewriter }>,
): Promise<number> {
  const opened = await openDatabase({ url: database.url, poolSize: database.poolSize });
  if (!opened.ok) {
    io.stderr.write(`${opened.problem}\n`);
    return 1;
  }
  const { pool } = opened;
  const replica = await openReadPool(database, pool);
  if (!replica.ok) {
    io.stderr.write(`${replica.problem}\n`);
    await pool.end();
    return 1;
  }
  // Questions read from the replica when there is one; the schema is the primary's to change.
  const reads = replica.pool;
  try {
    await migrate(pool);
    const answers = archiveAnswers(reads);
    const { ask, rewrite } = makeAsk
      ? await makeAsk(answers)
      : { ask: answers.quoted, rewrite: undefined };
    const followUp = askFollowUp(ask, databaseArchive(reads).followUpIndex(viewer), rewrite);
    return await answerQuestions(
      args,
      { ask, followUp, describeError: (error) => describeDatabaseError(error, database.url) },
      viewer,
      io.stdin,
      io.stdout,
    );
  } catch (error) {
    io.stderr.write(`${describeDatabaseError(error, database.url)}\n`);
    return 1;
  } finally {
    await pool.end();
    if (reads !== pool) await reads.end();
  }
}
