/**
 * `npm run bench`: load, start, answer and memory figures from one article to about 100,000,
 * beside plain minisearch measured in the same run. Each corpus runs in its own process (4 GB
 * heap); the BBC copies are generated in a temporary folder and removed afterwards. Prints a
 * table and writes the same figures to bench/results/scale.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { replicateBbc } from './lib/replicateBbc.js';
import { scaleQuestions } from './lib/scaleQuestions.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(root, '../shared/data') },
    copies: { type: 'string', default: '10,45' },
    out: { type: 'string', default: path.join(root, 'bench/results/scale.json') },
  },
});
const bbc = path.join(args.data, 'bbc-news-summary/articles');
const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-scale-'));

/** The questions, written where each corpus's process reads them. */
async function writeQuestions(): Promise<string> {
  const file = path.join(work, 'questions.json');
  await writeFile(file, JSON.stringify(await scaleQuestions(args.data)));
  return file;
}

type Baseline = { buildMs: number; ask: { p50: number; p99: number } };
type Result = Record<string, unknown> & {
  failed?: string;
  articles: number;
  coldMs: number;
  warmMs: number | null;
  warmNote: string | null;
  heapMB: number;
  rssMB: number;
  questions: number;
  ask: { p50: number; p99: number };
  summary: { p50: number; p99: number };
  source: { p50: number; p99: number };
  baseline: Baseline | { failed: string };
};

function measure(name: string, dir: string, questions: string): Result {
  process.stderr.write(`measuring ${name}…\n`);
  const run = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=4096',
      '--import',
      'tsx',
      path.join(root, 'bench/scaleOne.ts'),
      dir,
      questions,
    ],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 16 * 2 ** 20,
    },
  );
  const lines = run.stdout
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Partial<Result>);
  const ours = lines[0];
  const why = failureOf(run.stderr, run.status, run.signal);
  if (!ours) return { failed: why, baseline: { failed: why } } as Result;
  const baseline = lines[1]?.baseline ?? { failed: why };
  return { ...ours, baseline } as Result;
}

/** One line on why a child run failed: V8's own words for running out of memory, else the last line. */
function failureOf(stderr: string, status: number | null, signal: string | null): string {
  const lines = stderr.trim().split('\n');
  const fatal = lines.find((line) => /FATAL ERROR|heap out of memory/.test(line));
  return (fatal ?? lines.at(-1) ?? '').trim() || `exit ${status ?? signal}`;
}

try {
  const questions = await writeQuestions();
  const corpora: [string, string][] = [
    ['seed', path.join(root, 'seeds')],
    ['BBC', bbc],
  ];
  for (const copies of args.copies.split(',').filter(Boolean).map(Number))
    corpora.push([`BBC x${copies}`, await replicateBbc(bbc, copies, work)]);
  const results: Record<string, Result> = {};
  for (const [name, dir] of corpora) results[name] = measure(name, dir, questions);

  const ifBaseline = (r: Result, format: (b: Baseline) => string) =>
    'failed' in r.baseline ? 'failed' : format(r.baseline);
  const ms = (v: number | null) => (v === null ? 'n/a' : v >= 100 ? v.toFixed(0) : v.toFixed(2));
  const rows: [string, (r: Result) => string][] = [
    ['articles', (r) => String(r.articles)],
    ['cold load+index ms', (r) => ms(r.coldMs)],
    ['  baseline build ms', (r) => ifBaseline(r, (b) => ms(b.buildMs))],
    ['warm start ms', (r) => ms(r.warmMs)],
    ['ask p50 ms', (r) => ms(r.ask.p50)],
    ['  baseline p50 ms', (r) => ifBaseline(r, (b) => ms(b.ask.p50))],
    ['  ratio p50', (r) => ifBaseline(r, (b) => (r.ask.p50 / b.ask.p50).toFixed(2))],
    ['ask p99 ms', (r) => ms(r.ask.p99)],
    ['  baseline p99 ms', (r) => ifBaseline(r, (b) => ms(b.ask.p99))],
    ['  ratio p99', (r) => ifBaseline(r, (b) => (r.ask.p99 / b.ask.p99).toFixed(2))],
    ['summary p50/p99 ms', (r) => `${ms(r.summary.p50)}/${ms(r.summary.p99)}`],
    ['source p50/p99 ms', (r) => `${ms(r.source.p50)}/${ms(r.source.p99)}`],
    ['heap MB', (r) => r.heapMB.toFixed(0)],
    ['RSS MB', (r) => r.rssMB.toFixed(0)],
  ];
  const names = Object.keys(results);
  console.log(
    `\nScale: ${Object.values(results)[0]?.questions} questions per corpus; baseline = plain minisearch, default options, raw question`,
  );
  console.log(`${''.padEnd(22)}${names.map((n) => n.padStart(14)).join('')}`);
  for (const [label, format] of rows) {
    const cells = names.map((n) => {
      const result = results[n] as Result;
      if (!result.failed) return format(result);
      return label === 'articles' ? 'failed' : '-';
    });
    console.log(`${label.padEnd(22)}${cells.map((c) => c.padStart(14)).join('')}`);
  }
  for (const [name, r] of Object.entries(results)) {
    if (r.failed) {
      console.log(`${name}: failed: ${r.failed}`);
      continue;
    }
    if (r.warmNote) console.log(`${name}: ${r.warmNote}`);
    if ('failed' in r.baseline) console.log(`${name}: baseline failed: ${r.baseline.failed}`);
  }
  await mkdir(path.dirname(args.out), { recursive: true });
  await writeFile(
    args.out,
    `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`,
  );
  console.log(`\nFigures written to ${path.relative(process.cwd(), args.out)}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
