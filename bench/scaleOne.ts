/**
 * One corpus of the scale benchmark, run in its own process so its memory figures are its own:
 * `tsx bench/scaleOne.ts <articles dir> <questions.json>` prints one JSON object.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import MiniSearch from 'minisearch';
import { answerQuestion } from '../src/answer/answerQuestion.js';
import { pageSource } from '../src/answer/pageSource.js';
import { summarizeArticle } from '../src/answer/summarizeArticle.js';
import { openIndex } from '../src/cache/openIndex.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import type { Corpus } from '../src/corpus/types.js';
import { renderAnswerJson } from '../src/render/renderJson.js';
import { PassageIndex } from '../src/search/PassageIndex.js';
import { median, percentile } from './lib/stats.js';

const [dir = '', questionsFile = ''] = process.argv.slice(2);
const questions = JSON.parse(await readFile(questionsFile, 'utf8')) as string[];
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const time = async <T>(work: () => Promise<T> | T): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};
/** A line on stderr for each phase, so a run that dies shows how far it got. */
const progress = (phase: string) =>
  process.stderr.write(
    `${phase}: heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB\n`,
  );
/** Warm-up stops after this long even if it has not been through every item. */
const WARM_UP_MS = 10_000;
/**
 * Times each of `count` items after a warm-up pass over the same items (cut short after
 * {@link WARM_UP_MS}, which only the plain baseline on a large corpus reaches), so the figures
 * are those of a bot that has been answering for a while, not of the JIT compiler catching up.
 * The same rule serves our code and the baseline.
 */
const latencies = (work: (i: number) => void, count: number): number[] => {
  const warmUpEnds = performance.now() + WARM_UP_MS;
  for (let i = 0; i < count && performance.now() < warmUpEnds; i++) work(i);
  gc();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    work(i);
    times.push(performance.now() - started);
  }
  return times;
};

// Cold: read, parse and index every file, as a first start does. Only one index is kept in
// memory at a time, so the figures are those of a running bot.
let corpus = undefined as unknown as Corpus;
let index = undefined as unknown as PassageIndex;
/** The cold build, in a function of its own so that nothing of it is kept once it is measured. */
async function coldBuild() {
  const [loaded, loadMs] = await time(() => loadCorpus(dir));
  const [built, indexMs] = await time(() => new PassageIndex(loaded));
  gc();
  const memory = process.memoryUsage();
  // Named after the measurement, so the index is certainly still held when memory is read.
  progress(`cold build of ${built.passages.length} passages done`);
  return { loadMs, indexMs, memory };
}
const { loadMs, indexMs, memory } = await coldBuild();
gc();

// Warm: from the saved index, as every later start does (median of three).
const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-bench-cache-'));
let saveError: string | undefined;
/**
 * Opens the index into `index` and says how long that took and whether it came from the
 * cache. A function of its own so nothing of one opening outlives it: a suspended async
 * function keeps its temporaries, and one stale reference holds a whole 100,000-article
 * index while the next one is read.
 */
async function reopen(onWarning?: (message: string) => void): Promise<number | undefined> {
  const started = performance.now();
  const opened = await openIndex(dir, { cacheDir, ...(onWarning ? { onWarning } : {}) });
  const ms = performance.now() - started;
  index = opened.index;
  return opened.source === 'cache' ? ms : undefined;
}
await reopen((message) => {
  saveError = message;
});
progress('built and saved');
const warm: number[] = [];
for (let i = 0; i < 3 && !saveError; i++) {
  index = undefined as unknown as typeof index;
  gc();
  const ms = await reopen();
  if (ms !== undefined) warm.push(ms);
  progress(`warm start ${i + 1} done`);
}
await rm(cacheDir, { recursive: true, force: true });
corpus = index.corpus;
gc();

const ask = latencies(
  (i) => renderAnswerJson(answerQuestion(index, questions[i % questions.length] as string)),
  questions.length,
);
const articles = corpus.articles;
const sample = Math.min(300, articles.length);
const step = Math.max(1, Math.floor(articles.length / sample));
const pick = (i: number) => articles[(i * step) % articles.length] as (typeof articles)[0];
const summary = latencies((i) => summarizeArticle(index, pick(i)), sample);
const source = latencies((i) => pageSource(pick(i)), sample);

const figures = (times: number[]) => ({
  p50: percentile(times, 0.5),
  p99: percentile(times, 0.99),
});
// Our figures go out first, on their own line: if the baseline then runs out of memory on a
// large corpus, the parent still has them and reports the baseline as failed.
process.stdout.write(
  `${JSON.stringify({
    articles: articles.length,
    passages: index.passages.length,
    skipped: corpus.skipped.length,
    coldMs: loadMs + indexMs,
    loadMs,
    indexMs,
    warmMs: warm.length > 0 ? median(warm) : null,
    warmNote: saveError ?? null,
    heapMB: memory.heapUsed / 2 ** 20,
    rssMB: memory.rss / 2 ** 20,
    questions: questions.length,
    ask: figures(ask),
    summary: figures(summary),
    source: figures(source),
  })}\n`,
);

// Baseline: plain minisearch, default options, over the same paragraphs, raw questions. Our
// index is dropped first so the two never share the heap.
const passages = index.passages.map((p) => ({ id: p.id, text: p.paragraph.text }));
index = undefined as unknown as typeof index;
corpus = undefined as unknown as typeof corpus;
gc();
const [baseline, baselineBuildMs] = await time(() => {
  const search = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  search.addAll(passages);
  return search;
});
const baselineAsk = latencies(
  (i) => baseline.search(questions[i % questions.length] as string).slice(0, 3),
  questions.length,
);
process.stdout.write(
  `${JSON.stringify({ baseline: { buildMs: baselineBuildMs, ask: figures(baselineAsk) } })}\n`,
);
