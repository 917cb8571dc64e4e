/**
 * Fits the weights of the sentence scorer (`DEFAULTS.weights` in src/answer/answerSettings.ts)
 * on SQuAD dev half A and the news set's development part: for every question, every candidate
 * sentence of the passages read, labelled by whether it holds a gold answer. The fit is listwise
 * (a softmax over each question's candidates, maximising the chance of the sentences that hold
 * the answer), with weights kept at zero or above so a score stays a sum of good signs. The
 * held-out news questions are never read.
 *
 *   npx tsx bench/fitSentenceWeights.ts [--news-weight 10] [--passages-read 15] [--soft-matched 10000]
 *
 * The defaults are the run that gave today's weights: news questions counted ten times (there
 * are 30 times fewer of them), 15 passages read and every candidate compared in meaning. Fitted
 * with 25 passages and 8 compared, as answers are made, the weights did worse on the news set's
 * development part (63.6% answer@1 against 65.9%).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveSettings } from '../src/answer/answerSettings.js';
import { FEATURE_NAMES } from '../src/answer/scoreSentences.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { PassageIndex } from '../src/search/PassageIndex.js';
import { candidatesFor } from './lib/candidatesFor.js';
import { readNewsQuestions, writeNewsCorpus } from './lib/newsQuestions.js';
import { writeSquadCorpus } from './lib/squadCorpus.js';
import { containsAnswer } from './lib/squadMetrics.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    'news-weight': { type: 'string', default: '10' },
    epochs: { type: 'string', default: '500' },
    'passages-read': { type: 'string', default: '15' },
    'soft-matched': { type: 'string', default: '10000' },
  },
});
const data = values.data as string;

/** One question's candidates: a feature row each, and which hold a gold answer. */
interface Group {
  rows: Float64Array[];
  positive: boolean[];
  weight: number;
}

const settings = resolveSettings({
  passagesRead: Number(values['passages-read']),
  softMatched: Number(values['soft-matched']),
});

function groupsOf(
  index: PassageIndex,
  questions: readonly { question: string; answers: readonly string[] }[],
  weight: number,
): Group[] {
  const groups: Group[] = [];
  for (const { question, answers } of questions) {
    const candidates = candidatesFor(index, question, settings);
    if (candidates.length === 0) continue;
    const positive = candidates.map((c) => containsAnswer(c.sentence.text, answers));
    if (!positive.includes(true)) continue;
    const rows = candidates.map((c) => Float64Array.from(FEATURE_NAMES, (n) => c.features[n]));
    groups.push({ rows, positive, weight });
  }
  return groups;
}

const work = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-fit-'));
try {
  const squadDir = path.join(work, 'squad');
  const squadQuestions = await writeSquadCorpus(
    path.join(data, 'squad/squad-v1.1-dev-half-a.json'),
    squadDir,
  );
  const squad = new PassageIndex(await loadCorpus(squadDir));
  const newsDir = path.join(work, 'news');
  await writeNewsCorpus(path.join(data, 'bbc-news-summary/articles'), 'seeds', newsDir);
  const news = new PassageIndex(await loadCorpus(newsDir));
  const newsQuestions = (await readNewsQuestions('bench/data/news-questions.jsonl')).filter(
    (q) => q.part === 'dev' && q.answerable,
  );
  const groups = [
    ...groupsOf(squad, squadQuestions, 1),
    ...groupsOf(news, newsQuestions, Number(values['news-weight'])),
  ];
  const weights = fitListwise(groups, Number(values.epochs));
  const fitted = Object.fromEntries(
    FEATURE_NAMES.map((name, i) => [name, Math.round((weights[i] as number) * 1000) / 1000]),
  );
  console.log(`${groups.length} questions with an answer among their candidates`);
  console.log(JSON.stringify(fitted, null, 2));
} finally {
  await rm(work, { recursive: true, force: true });
}

/** Adam on the weighted listwise loss, weights projected to ≥ 0 after each step. */
function fitListwise(groups: readonly Group[], epochs: number): Float64Array {
  const n = FEATURE_NAMES.length;
  const w = Float64Array.from(FEATURE_NAMES, (name) => settings.weights[name]);
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  const rate = 0.05;
  const l2 = 1e-4;
  const total = groups.reduce((sum, g) => sum + g.weight, 0);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const grad = new Float64Array(n);
    for (const group of groups) {
      const scores = group.rows.map((row) => row.reduce((s, x, i) => s + x * (w[i] as number), 0));
      const top = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - top));
      const all = exp.reduce((a, b) => a + b, 0);
      const pos = exp.reduce((a, e, i) => a + (group.positive[i] ? e : 0), 0);
      group.rows.forEach((row, r) => {
        const p = (exp[r] as number) / all;
        const q = group.positive[r] ? (exp[r] as number) / pos : 0;
        for (let i = 0; i < n; i++)
          grad[i] = (grad[i] as number) + (group.weight * (p - q) * (row[i] as number)) / total;
      });
    }
    for (let i = 0; i < n; i++) {
      const g = (grad[i] as number) + l2 * (w[i] as number);
      m[i] = 0.9 * (m[i] as number) + 0.1 * g;
      v[i] = 0.999 * (v[i] as number) + 0.001 * g * g;
      const mh = (m[i] as number) / (1 - 0.9 ** epoch);
      const vh = (v[i] as number) / (1 - 0.999 ** epoch);
      w[i] = Math.max(0, (w[i] as number) - (rate * mh) / (Math.sqrt(vh) + 1e-8));
    }
  }
  return w;
}
