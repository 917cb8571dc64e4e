import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { type FeedbackRecord, FeedbackStore } from '../feedback/FeedbackStore.js';
import { summarizeFeedback } from '../feedback/summarizeFeedback.js';
import { renderFeedbackReportText } from '../render/renderFeedbackReport.js';

/**
 * `npm run report [-- --guild ID] [-- --json]`: what readers asked that the articles did not
 * answer, from the feedback kept under DATA_DIR, or with DATABASE_URL in the database.
 */
async function main(): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(`Configuration problem: ${loaded.problems.join('; ')}\n`);
    return 2;
  }
  let values: { guild?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      options: { guild: { type: 'string' }, json: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message.split('\n')[0]} Usage: npm run report -- [--guild ID] [--json]\n`,
    );
    return 2;
  }
  const { dataDir, database } = loaded.config;
  let read: ReturnType<typeof FeedbackStore.readFrom>;
  if (database) {
    const fromDatabase = await readDatabaseFeedback(database);
    if (!fromDatabase.ok) {
      process.stderr.write(`${fromDatabase.problem}\n`);
      return 1;
    }
    read = fromDatabase.read;
  } else {
    try {
      read = FeedbackStore.readFrom(dataDir);
    } catch {
      process.stderr.write(`Can't read the feedback in ${dataDir}.\n`);
      return 1;
    }
  }
  const summary = summarizeFeedback(read.records, values.guild);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, skipped: read.skipped })}\n`);
  } else if (read.records.length === 0) {
    process.stdout.write(
      `No feedback yet in ${database ? 'the database' : dataDir}. The Discord bot keeps it as readers ask and vote.\n`,
    );
  } else {
    process.stdout.write(`${renderFeedbackReportText(summary, read.skipped)}\n`);
  }
  return 0;
}

/** Every host's feedback, from DATABASE_URL; one line for a person when it cannot be read. */
async function readDatabaseFeedback(database: {
  url: string;
  poolSize: number;
}): Promise<
  | { ok: true; read: { records: FeedbackRecord[]; skipped: number } }
  | { ok: false; problem: string }
> {
  const [{ withDatabase }, { openDatabaseFeedback }] = await Promise.all([
    import('../store/postgres/withDatabase.js'),
    import('../store/postgres/databaseFeedback.js'),
  ]);
  const read = await withDatabase({ url: database.url, poolSize: 1 }, async (pool) =>
    (await openDatabaseFeedback(pool)).read(),
  );
  return read.ok ? { ok: true, read: read.value } : read;
}

process.exitCode = await main();
