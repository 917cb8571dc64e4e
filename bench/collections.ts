/**
 * `npm run bench:collections`: what server collections cost a question. The BBC corpus copied
 * ten times (22,250 articles) is asked as today, by the operator; then the same with 100
 * servers of 50 articles each added, asked as one of those servers, so every search filters
 * to the shared collection plus that server's own. Five rounds, alternating, each with a
 * warm-up; one index in memory at a time. Prints p50/p99 and writes
 * bench/results/collections.json.
 */
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { type AnswerOptions, answerQuestion } from '../src/answer/answerQuestion.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { renderAnswerJson } from '../src/render/renderJson.js';
import { PassageIndex } from '../src/search/PassageIndex.js';
import { replicateBbc } from './lib/replicateBbc.js';
import { scaleQuestions } from './lib/scaleQuestions.js';
import { median, percentile } from './lib/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(root, '../shared/data') },
    servers: { type: 'string', default: '100' },
    'articles-per-server': { type: 'string', default: '50' },
    rounds: { type: 'string', default: '5' },
    out: { type: 'string', default: path.join(root, 'bench/results/collections.json') },
  },
});
const servers = Number(args.servers);
const perServer = Number(args['articles-per-server']);
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const WARM_UP_MS = 10_000;

/** p50 and p99 of one pass over the questions, after a warm-up pass. */
function askTimes(index: PassageIndex, questions: readonly string[], options: AnswerOptions) {
  const ask = (q: string) => renderAnswerJson(answerQuestion(index, q, options));
  const warmUpEnds = performance.now() + WARM_UP_MS;
  for (let i = 0; i < questions.length && performance.now() < warmUpEnds; i++)
    ask(questions[i] as string);
  gc();
  const times = questions.map((q) => {
    const started = performance.now();
    ask(q);
    return performance.now() - started;
  });
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-collections-bench-'));
try {
  const questions = await scaleQuestions(args.data);
  const bbc = path.join(args.data, 'bbc-news-summary/articles');
  const today = await replicateBbc(bbc, 10, work);
  // The same archive, plus 100 servers of 50 BBC articles each under servers/<id>/.
  const withServers = path.join(work, 'with-servers');
  await cp(today, withServers, { recursive: true });
  const sources: string[] = [];
  for (const topic of await readdir(bbc))
    for (const file of await readdir(path.join(bbc, topic))) sources.push(path.join(topic, file));
  for (let s = 0; s < servers; s++) {
    const folder = path.join(withServers, 'servers', String(900000000000000000n + BigInt(s)));
    for (let a = 0; a < perServer; a++) {
      const source = sources[(s * perServer + a) % sources.length] as string;
      await mkdir(path.join(folder, path.dirname(source)), { recursive: true });
      await cp(path.join(bbc, source), path.join(folder, source));
    }
  }
  const asServer: AnswerOptions = { viewer: { guildId: String(900000000000000000n + 7n) } };

  const rounds: { today: { p50: number; p99: number }; servers: { p50: number; p99: number } }[] =
    [];
  for (let round = 0; round < Number(args.rounds); round++) {
    let index: PassageIndex | undefined = new PassageIndex(await loadCorpus(today));
    const todayTimes = askTimes(index, questions, {});
    index = undefined;
    gc();
    index = new PassageIndex(await loadCorpus(withServers));
    const serverTimes = askTimes(index, questions, asServer);
    index = undefined;
    gc();
    rounds.push({ today: todayTimes, servers: serverTimes });
    process.stderr.write(`round ${round + 1} done\n`);
  }
  const mid = (pick: (r: (typeof rounds)[0]) => number) => median(rounds.map(pick));
  const summary = {
    questions: questions.length,
    articles: { today: 22_250, servers: servers * perServer },
    rounds,
    today: { p50: mid((r) => r.today.p50), p99: mid((r) => r.today.p99) },
    withServers: { p50: mid((r) => r.servers.p50), p99: mid((r) => r.servers.p99) },
  };
  const ms = (v: number) => v.toFixed(3);
  console.log(
    `\nCollections: ${questions.length} questions on BBC x10 (22,250 articles); medians of ${rounds.length} rounds`,
  );
  console.log(`${''.padEnd(44)}${'ask p50 ms'.padStart(12)}${'ask p99 ms'.padStart(12)}`);
  console.log(
    `${'today, as the operator'.padEnd(44)}${ms(summary.today.p50).padStart(12)}${ms(summary.today.p99).padStart(12)}`,
  );
  console.log(
    `${`+ ${servers} servers x ${perServer} articles, as one server`.padEnd(44)}${ms(summary.withServers.p50).padStart(12)}${ms(summary.withServers.p99).padStart(12)}`,
  );
  console.log(
    `${'ratio'.padEnd(44)}${(summary.withServers.p50 / summary.today.p50).toFixed(2).padStart(12)}${(summary.withServers.p99 / summary.today.p99).toFixed(2).padStart(12)}`,
  );
  await mkdir(path.dirname(args.out), { recursive: true });
  await writeFile(args.out, `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
