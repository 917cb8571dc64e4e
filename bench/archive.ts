/**
 * `npm run bench:archive`: the database mode at scale, beside the in-memory index at the same
 * size in the same run. Copies the BBC set (`--copies`, 113 by default: 251,425 articles,
 * each copy's headlines made distinct), starts a throwaway PostgreSQL (Debian's postgresql-15,
 * as the database tier does), and prints:
 * - the import rate of `cli import`, and the database's size after it;
 * - ask p50/p99 from the database and from the in-memory index, after a warm-up;
 * - the peak resident memory, start-up time and first answer of a bot process in each mode
 *   (`npm start` without a Discord token: the console, over the bot's serving code).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { quotedAsk } from '../src/answer/Ask.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { PassageIndex } from '../src/search/PassageIndex.js';
import { archiveAsk } from '../src/store/postgres/archiveAsk.js';
import { openDatabase } from '../src/store/postgres/openDatabase.js';
import { startPostgres } from '../test/db/postgresCluster.js';
import { replicateBbc } from './lib/replicateBbc.js';
import { scaleQuestions } from './lib/scaleQuestions.js';
import { percentile } from './lib/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(root, '../shared/data') },
    copies: { type: 'string', default: '113' },
  },
});
const WARM_UP = 20;

/** Times each question through `ask`, after a warm-up: p50 and p99 in milliseconds. */
async function timeAsks(ask: (q: string) => Promise<unknown>, questions: readonly string[]) {
  for (const question of questions.slice(0, WARM_UP)) await ask(question);
  const times: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    await ask(question);
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

/**
 * Runs a bot process without a Discord token (`npm start`'s terminal console, over the same
 * serving code as the bot) on the questions: its start-up time (until it is ready for a
 * question), the time until its first answer, and its peak resident memory (VmHWM, read from
 * /proc while it runs).
 */
function botProcess(
  questions: readonly string[],
  env: Record<string, string>,
): Promise<{ readyMs: number; firstAnswerMs: number; peakRssMB: number; answered: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const { DISCORD_TOKEN: _token, ...parentEnv } = process.env;
    const child = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], {
      cwd: root,
      env: { ...parentEnv, LOG_LEVEL: 'warn', ...env },
    });
    let readyMs = 0;
    let firstAnswerMs = 0;
    let output = '';
    let peakKB = 0;
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peakKB = Math.max(peakKB, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        // The process has just ended.
      }
    }, 50);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      if (!readyMs && output.includes('Type a question')) readyMs = performance.now() - started;
      // Each reply is written at once, so the first thing after the greeting is an answer.
      const greeting = output.indexOf('for commands.\n\n');
      if (!firstAnswerMs && greeting >= 0 && output.length > greeting + 'for commands.\n\n'.length)
        firstAnswerMs = performance.now() - started;
    });
    child.on('error', reject);
    child.on('close', () => {
      clearInterval(poll);
      resolve({
        readyMs,
        firstAnswerMs,
        peakRssMB: peakKB / 1024,
        // Every reply to a question ends with its confidence, or says nothing was found.
        answered: (output.match(/^Confidence: |couldn't find/gm) ?? []).length,
      });
    });
    child.stdin.end(`${questions.map((q) => q.replace(/\s+/g, ' ')).join('\n')}\n`);
  });
}

const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-archive-bench-'));
const cluster = await startPostgres();
try {
  const copies = Number(args.copies);
  const folder = await replicateBbc(
    path.join(args.data, 'bbc-news-summary/articles'),
    copies,
    work,
  );
  const questions = await scaleQuestions(args.data);
  const database = { DATABASE_URL: cluster.url };

  process.stderr.write(`importing ${copies} copies of the BBC set…\n`);
  const imported = await new Promise<{ articles: number; seconds: number }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'dist/src/cli/main.js'), 'import', '--seeds', folder],
      { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...database } },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`import exited ${code}`)),
    );
  });
  const opened = await openDatabase({ url: cluster.url, poolSize: 4, statementTimeoutMs: 600_000 });
  if (!opened.ok) throw new Error(opened.problem);
  await opened.pool.query('ANALYZE');
  const size = await opened.pool.query<{ bytes: string }>(
    'SELECT pg_database_size(current_database())::text AS bytes',
  );

  process.stderr.write('asking from the database…\n');
  const fromDatabase = await timeAsks(archiveAsk(opened.pool), questions);
  await opened.pool.end();

  process.stderr.write('building the in-memory index…\n');
  const corpus = await loadCorpus(folder);
  const index = new PassageIndex(corpus);
  const inMemory = await timeAsks(
    quotedAsk(() => index),
    questions,
  );

  process.stderr.write('running a bot process in each mode…\n');
  const empty = path.join(work, 'empty');
  await mkdir(empty, { recursive: true });
  const sample = questions.slice(0, 50);
  const processDatabase = await botProcess(sample, { ...database, SEEDS_DIR: empty });
  const processMemory = await botProcess(sample, {
    DATABASE_URL: '',
    SEEDS_DIR: folder,
    // A fresh build, as a first start: the cache is the folder mode's own speed-up.
    CACHE_DIR: path.join(work, 'cache'),
  });

  const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  console.log(
    [
      `archive: ${imported.articles} articles (${copies} copies of the BBC set), ${questions.length} questions`,
      `import: ${imported.seconds} s, ${(imported.articles / imported.seconds).toFixed(0)} articles/s; database ${(Number(size.rows[0]?.bytes) / 2 ** 20).toFixed(0)} MB`,
      `ask p50/p99 ms: database ${ms(fromDatabase.p50)}/${ms(fromDatabase.p99)}, in-memory index ${ms(inMemory.p50)}/${ms(inMemory.p99)}`,
      `bot process (npm start's console, ${sample.length} questions): database peak RSS ${processDatabase.peakRssMB.toFixed(0)} MB, ready ${ms(processDatabase.readyMs)} ms, first answer ${ms(processDatabase.firstAnswerMs)} ms, ${processDatabase.answered} replies; in-memory peak RSS ${processMemory.peakRssMB.toFixed(0)} MB, ready ${ms(processMemory.readyMs)} ms, first answer ${ms(processMemory.firstAnswerMs)} ms, ${processMemory.answered} replies`,
    ].join('\n'),
  );
} finally {
  cluster.remove();
  await rm(work, { recursive: true, force: true });
}
