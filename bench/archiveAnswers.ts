/**
 * `npm run bench:archive-answers`: whether the database mode gives the folder mode's answers.
 * Starts a throwaway PostgreSQL (Debian's postgresql-15, as the database tier does), imports the
 * news set (BBC articles and the seeds) and SQuAD dev half A, asks every question both ways in
 * the same run and prints answer@1 and evidence@3 for each, how many answers differ, and the
 * time a question takes from the database (median and p99 after a warm-up).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { quotedAsk } from '../src/answer/Ask.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { renderAnswerJson } from '../src/render/renderJson.js';
import { PassageIndex } from '../src/search/PassageIndex.js';
import { archiveAsk } from '../src/store/postgres/archiveAsk.js';
import { importArticles } from '../src/store/postgres/importArticles.js';
import { migrate } from '../src/store/postgres/migrate.js';
import { openDatabase } from '../src/store/postgres/openDatabase.js';
import { startPostgres } from '../test/db/postgresCluster.js';
import { judgeAnswer, readNewsQuestions, writeNewsCorpus } from './lib/newsQuestions.js';
import { writeSquadCorpus } from './lib/squadCorpus.js';
import { percentile } from './lib/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { data: { type: 'string', default: path.resolve(root, '../shared/data') } },
});
const WARM_UP = 20;

interface Question {
  id: string;
  question: string;
  answers: string[];
}

async function compare(name: string, write: (dir: string) => Promise<Question[]>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `newsdesk-archive-${name}-`));
  const cluster = await startPostgres();
  try {
    const questions = await write(dir);
    const corpus = await loadCorpus(dir);
    const folderAsk = quotedAsk(() => index);
    const index = new PassageIndex(corpus);
    const opened = await openDatabase({
      url: cluster.url,
      poolSize: 4,
      statementTimeoutMs: 600_000,
    });
    if (!opened.ok) throw new Error(opened.problem);
    await migrate(opened.pool);
    await importArticles(opened.pool, corpus.articles, { folder: dir });
    const databaseAsk = archiveAsk(opened.pool);
    for (const q of questions.slice(0, WARM_UP)) await databaseAsk(q.question);
    const tally = { folderAt1: 0, databaseAt1: 0, folderAt3: 0, databaseAt3: 0, differ: 0 };
    const times: number[] = [];
    for (const q of questions) {
      const folder = await folderAsk(q.question);
      const started = performance.now();
      const database = await databaseAsk(q.question);
      times.push(performance.now() - started);
      const asked = { ...q, answerable: true } as Parameters<typeof judgeAnswer>[0];
      const f = judgeAnswer(asked, folder);
      const d = judgeAnswer(asked, database);
      tally.folderAt1 += f.correct ? 1 : 0;
      tally.databaseAt1 += d.correct ? 1 : 0;
      tally.folderAt3 += f.evidence ? 1 : 0;
      tally.databaseAt3 += d.evidence ? 1 : 0;
      if (JSON.stringify(renderAnswerJson(folder)) !== JSON.stringify(renderAnswerJson(database)))
        tally.differ++;
    }
    await opened.pool.end();
    const share = (count: number) => (count / questions.length).toFixed(4);
    console.log(
      `${name}: ${questions.length} questions, ${corpus.articles.length} articles | answer@1 folder ${share(tally.folderAt1)} database ${share(tally.databaseAt1)} | evidence@3 folder ${share(tally.folderAt3)} database ${share(tally.databaseAt3)} | answers that differ ${tally.differ} | database ask p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${percentile(times, 0.99).toFixed(1)} ms`,
    );
  } finally {
    cluster.remove();
    await rm(dir, { recursive: true, force: true });
  }
}

const data = args.data as string;
await compare('news', async (dir) => {
  await writeNewsCorpus(
    path.join(data, 'bbc-news-summary/articles'),
    path.join(root, 'seeds'),
    dir,
  );
  return (await readNewsQuestions(path.join(root, 'bench/data/news-questions.jsonl'))).filter(
    (q) => q.answerable,
  );
});
await compare('squad', (dir) =>
  writeSquadCorpus(path.join(data, 'squad/squad-v1.1-dev-half-a.json'), dir),
);
