/**
 * `npm run bench:quality`: answer and summary quality on data no one on the project wrote,
 * beside off-the-shelf baselines measured in the same run. Prints a table and writes the same
 * figures to bench/results/quality.json.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { answerQuestion } from '../src/answer/answerQuestion.js';
import { levelOf } from '../src/answer/estimateConfidence.js';
import { relatedArticles } from '../src/answer/relatedArticles.js';
import { summarizeArticle } from '../src/answer/summarizeArticle.js';
import { loadCorpus } from '../src/corpus/loadCorpus.js';
import { renderAnswerJson } from '../src/render/renderJson.js';
import { PassageIndex } from '../src/search/PassageIndex.js';
import { measureAlerts } from './lib/alertTopics.js';
import { leadOfLength, leadSentences, PlainMiniSearchBaseline } from './lib/baselines.js';
import { fitLogistic, reliabilityTable } from './lib/calibration.js';
import { type ContextFigures, contextRecall, RECALL_KS } from './lib/contextRecall.js';
import {
  CONVERSATIONS_FILE,
  type ConversationFigures,
  conversationFigures,
  readConversations,
} from './lib/conversations.js';
import {
  askNewsdesk,
  askPlainMiniSearch,
  NEWS_QUESTIONS_FILE,
  type NewsFigures,
  newsFigures,
  newsGroups,
  readNewsQuestions,
  writeNewsCorpus,
} from './lib/newsQuestions.js';
import { rougeL, rougeN } from './lib/rouge.js';
import { scoreModelAnswers } from './lib/scoreModelAnswers.js';
import { writeSquadCorpus } from './lib/squadCorpus.js';
import { containsAnswer } from './lib/squadMetrics.js';
import { mean, pct, percentile } from './lib/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(root, '../shared/data') },
    squad: { type: 'string' },
    only: { type: 'string' },
    calibrate: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(root, 'bench/results/quality.json') },
  },
});
const squadFile = args.squad ?? path.join(args.data, 'squad/squad-v1.1-dev-half-a.json');
const bbcDir = path.join(args.data, 'bbc-news-summary');

interface QaFigures {
  answerAt1: number;
  evidenceAt3: number;
  passageRAt1: number;
  answered: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * What `--calibrate` fits the confidence model on: every found answer's signals and whether it
 * held a gold answer, from SQuAD, from SQuAD questions asked of BBC News (none can be right
 * there) and from the news set's development part (its unanswerable questions never are).
 */
const calibrationRows: { signals: Record<string, number>; correct: boolean }[] = [];

/** The BBC corpus, loaded and indexed once for both sections. */
const bbc = await (async () => {
  const corpus = await loadCorpus(path.join(bbcDir, 'articles'));
  return { corpus, index: new PassageIndex(corpus) };
})();

async function measureSquad() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-squad-'));
  try {
    const questions = await writeSquadCorpus(squadFile, dir);
    const corpus = await loadCorpus(dir);
    const index = new PassageIndex(corpus);
    const baseline = new PlainMiniSearchBaseline(corpus);

    const ours = { answer: 0, evidence: 0, passage: 0, answered: 0, times: [] as number[] };
    const plain = { answer: 0, evidence: 0, passage: 0, answered: 0, times: [] as number[] };
    const judged: { confidence: number; correct: boolean; signals: Record<string, number> }[] = [];
    for (const q of questions.slice(0, 200)) {
      renderAnswerJson(answerQuestion(index, q.question), q.id);
      baseline.ask(q.question);
    }
    for (const q of questions) {
      let start = performance.now();
      const answer = answerQuestion(index, q.question);
      const json = renderAnswerJson(answer, q.id);
      ours.times.push(performance.now() - start);
      const correct = containsAnswer(json.answer.slice(0, 300), q.answers);
      if (correct) ours.answer++;
      if (answer.found && answer.signals) {
        judged.push({ confidence: answer.confidence, correct, signals: { ...answer.signals } });
        calibrationRows.push({ signals: { ...answer.signals }, correct });
      }
      if (json.citations.slice(0, 3).some((c) => containsAnswer(c.quote.slice(0, 1000), q.answers)))
        ours.evidence++;
      const top = json.citations[0];
      if (top && top.articleId === q.articleId && top.passage === q.passage) ours.passage++;
      if (json.found) ours.answered++;

      start = performance.now();
      const base = baseline.ask(q.question);
      plain.times.push(performance.now() - start);
      if (containsAnswer(base.answer.slice(0, 300), q.answers)) plain.answer++;
      if (base.passages.some((p) => containsAnswer(p.text.slice(0, 1000), q.answers)))
        plain.evidence++;
      const first = base.passages[0];
      if (first && first.articleId === q.articleId && first.passage === q.passage) plain.passage++;
      if (base.answer) plain.answered++;
    }
    // Calibration of "not found": every SQuAD question has an answer in its own corpus, and
    // (nearly) none in the BBC news of 2004-05, so asking them there measures false answers.
    let offTopicAnswered = 0;
    let offTopicHedged = 0;
    let offTopicHigh = 0;
    questions.forEach((q, i) => {
      const answer = answerQuestion(bbc.index, q.question);
      // Every other one is enough to stand for questions the articles cannot answer.
      if (answer.found && answer.signals && i % 2 === 0)
        calibrationRows.push({ signals: { ...answer.signals }, correct: false });
      if (answer.found) offTopicAnswered++;
      if (answer.hedged) offTopicHedged++;
      if (answer.found && answer.confidenceLevel === 'high') offTopicHigh++;
    });
    const figures = (r: typeof ours): QaFigures => ({
      answerAt1: r.answer / questions.length,
      evidenceAt3: r.evidence / questions.length,
      passageRAt1: r.passage / questions.length,
      answered: r.answered / questions.length,
      p50Ms: percentile(r.times, 0.5),
      p99Ms: percentile(r.times, 0.99),
    });
    return {
      articles: corpus.articles.length,
      paragraphs: index.passages.length,
      questions: questions.length,
      context: contextRecall(index, questions),
      newsdesk: figures(ours),
      plainMiniSearch: figures(plain),
      reliability: {
        levels: reliabilityTable(judged, levelOf, ['high', 'medium', 'low']),
        buckets: reliabilityTable(
          judged,
          (c) =>
            `${(Math.min(0.9, Math.floor(c * 10) / 10)).toFixed(1)}–${(Math.min(1, Math.floor(c * 10) / 10 + 0.1)).toFixed(1)}`,
          Array.from(
            { length: 10 },
            (_, i) => `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`,
          ),
        ),
      },
      calibration: {
        refusedAnswerable: 1 - ours.answered / questions.length,
        offTopicAnswered: offTopicAnswered / questions.length,
        offTopicAnsweredConfidently: (offTopicAnswered - offTopicHedged) / questions.length,
        offTopicHigh: offTopicHigh / questions.length,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The news question set (bench/data/news-questions.jsonl) over the BBC articles and the seed,
 * beside plain minisearch: development part and held-out part, each with its paraphrased
 * questions apart.
 */
async function measureNews() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-news-'));
  try {
    await writeNewsCorpus(path.join(bbcDir, 'articles'), path.join(root, 'seeds'), dir);
    const corpus = await loadCorpus(dir);
    const index = new PassageIndex(corpus);
    const questions = await readNewsQuestions(path.join(root, NEWS_QUESTIONS_FILE));
    const ours = askNewsdesk(index, questions);
    for (const o of ours) {
      if (o.question.part === 'dev' && o.signals)
        calibrationRows.push({ signals: o.signals, correct: o.correct });
    }
    const plain = askPlainMiniSearch(corpus, questions);
    const model = await scoreModelAnswers(index, questions);
    const groups = newsGroups(questions).map(([name, group]) => {
      const ids = new Set(group.map((q) => q.id));
      return {
        name,
        newsdesk: newsFigures(ours.filter((o) => ids.has(o.question.id))),
        plainMiniSearch: newsFigures(plain.filter((o) => ids.has(o.question.id))),
        context: contextRecall(
          index,
          group.filter((q) => q.answerable),
        ),
        ...(model ? { model: newsFigures(model.filter((o) => ids.has(o.question.id))) } : {}),
      };
    });
    const conversations = await conversationFigures(
      index,
      await readConversations(path.join(root, CONVERSATIONS_FILE)),
    );
    return { articles: corpus.articles.length, questions: questions.length, groups, conversations };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface SummaryFigures {
  rouge1: number;
  rouge2: number;
  rougeL: number;
  meanChars: number;
}

async function measureSummaries() {
  const { corpus, index } = bbc;
  const scores = { ours: [] as number[][], lead3: [] as number[][], matched: [] as number[][] };
  const lengths = { ours: [] as number[], lead3: [] as number[], matched: [] as number[] };
  const score = (text: string, reference: string) => [
    rougeN(text, reference, 1).f1,
    rougeN(text, reference, 2).f1,
    rougeL(text, reference).f1,
  ];
  for (const article of corpus.articles) {
    const reference = await readFile(path.join(bbcDir, 'summaries', `${article.id}.txt`), 'latin1');
    const ours = summarizeArticle(index, article)
      .sentences.map((s) => s.text)
      .join(' ');
    const lead3 = leadSentences(article, 3);
    const matched = leadOfLength(article, ours.length);
    scores.ours.push(score(ours, reference));
    scores.lead3.push(score(lead3, reference));
    scores.matched.push(score(matched, reference));
    lengths.ours.push(ours.length);
    lengths.lead3.push(lead3.length);
    lengths.matched.push(matched.length);
  }
  const figures = (rows: number[][], chars: number[]): SummaryFigures => ({
    rouge1: 100 * mean(rows.map((r) => r[0] as number)),
    rouge2: 100 * mean(rows.map((r) => r[1] as number)),
    rougeL: 100 * mean(rows.map((r) => r[2] as number)),
    meanChars: mean(chars),
  });
  return {
    articles: corpus.articles.length,
    newsdesk: figures(scores.ours, lengths.ours),
    lead3: figures(scores.lead3, lengths.lead3),
    lengthMatchedLead: figures(scores.matched, lengths.matched),
  };
}

/** Share of each BBC article's related articles that come from its own topic folder. */
function measureRelated() {
  const { corpus, index } = bbc;
  let shown = 0;
  let sameTopic = 0;
  let withNone = 0;
  const times: number[] = [];
  for (const article of corpus.articles) {
    const start = performance.now();
    const related = relatedArticles(index, article, { limit: 5 });
    times.push(performance.now() - start);
    const topic = article.id.split('/')[0];
    if (related.length === 0) withNone++;
    shown += related.length;
    sameTopic += related.filter((r) => r.articleId.split('/')[0] === topic).length;
  }
  return {
    articles: corpus.articles.length,
    topicPrecision: sameTopic / shown,
    meanShown: shown / corpus.articles.length,
    withNone: withNone / corpus.articles.length,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
  };
}

function printSquad(s: Awaited<ReturnType<typeof measureSquad>>) {
  const rows: [string, (f: QaFigures) => string][] = [
    ['answer@1', (f) => pct(f.answerAt1)],
    ['evidence@3', (f) => pct(f.evidenceAt3)],
    ['passage R@1', (f) => pct(f.passageRAt1)],
    ['answered (found)', (f) => pct(f.answered)],
    ['ask p50', (f) => `${f.p50Ms.toFixed(3)} ms`],
    ['ask p99', (f) => `${f.p99Ms.toFixed(3)} ms`],
  ];
  console.log(
    `\nSQuAD v1.1 dev half A: ${s.articles} articles, ${s.paragraphs} paragraphs, ${s.questions} questions`,
  );
  console.log(`${'metric'.padEnd(18)}${'newsdesk'.padStart(12)}${'plain minisearch'.padStart(20)}`);
  for (const [name, format] of rows) {
    console.log(
      `${name.padEnd(18)}${format(s.newsdesk).padStart(12)}${format(s.plainMiniSearch).padStart(20)}`,
    );
  }
  console.log('\nConfidence reliability (answered questions; correct = gold answer in the answer)');
  console.log(
    `${'confidence'.padEnd(12)}${'answers'.padStart(9)}${'mean conf'.padStart(11)}${'correct'.padStart(9)}`,
  );
  for (const r of [...s.reliability.levels, ...s.reliability.buckets]) {
    console.log(
      `${r.bucket.padEnd(12)}${String(r.answers).padStart(9)}${r.meanConfidence.toFixed(3).padStart(11)}${(r.answers ? pct(r.correct) : '-').padStart(9)}`,
    );
  }
  printContext('SQuAD v1.1 dev half A', [['all', s.context]]);
  const c = s.calibration;
  console.log(
    `"Not found" calibration: refused ${pct(c.refusedAnswerable)} of the answerable SQuAD questions;`,
  );
  console.log(
    `asked of the BBC corpus instead, answered ${pct(c.offTopicAnswered)} (${pct(c.offTopicAnsweredConfidently)} without "I'm not sure", ${pct(c.offTopicHigh)} with high confidence).`,
  );
}

function printNews(s: Awaited<ReturnType<typeof measureNews>>) {
  console.log(
    `\nNews questions: ${s.questions} questions over ${s.articles} articles (BBC News and the seed); newsdesk / plain minisearch`,
  );
  const rows: [string, (f: NewsFigures) => string, boolean][] = [
    ['answerable', (f) => String(f.answerable), false],
    ['answer@1', (f) => pct(f.answerAt1), false],
    ['evidence@3', (f) => pct(f.evidenceAt3), false],
    ['refused answerable', (f) => pct(f.refused), false],
    ['unanswerable', (f) => String(f.unanswerable), false],
    ['declined unanswer.', (f) => (f.unanswerable ? pct(f.declined) : '-'), false],
    ['high on unanswer.', (f) => (f.unanswerable ? pct(f.confidentlyWrong) : '-'), true],
    ['high answers', (f) => String(f.high), true],
    ['high right', (f) => (f.high ? pct(f.highCorrect) : '-'), true],
    ['answer sent. 1st', (f) => pct(f.answerRanked.first), true],
    ['answer sent. top 3', (f) => pct(f.answerRanked.top3), true],
    ['answer sent. top 8', (f) => pct(f.answerRanked.top8), true],
    ['answer sent. any', (f) => pct(f.answerRanked.any), true],
  ];
  const width = 24;
  console.log(`${'metric'.padEnd(20)}${s.groups.map((g) => g.name.padStart(width)).join('')}`);
  for (const [name, format, oursOnly] of rows) {
    const cells = s.groups.map((g) =>
      `${format(g.newsdesk)} / ${oursOnly ? '-' : format(g.plainMiniSearch)}`.padStart(width),
    );
    console.log(`${name.padEnd(20)}${cells.join('')}`);
  }
  console.log(
    'answer sent.: the first of the candidate sentences newsdesk chooses from, best first as scored, to hold a gold answer; the ceiling of choosing the sentence.',
  );
  printContext(
    'News questions, answerable ones',
    s.groups.map((g) => [g.name, g.context]),
  );
  printConversations(s.conversations);
  const withModel = s.groups.filter((g) => 'model' in g && g.model);
  if (withModel.length > 0) {
    console.log('\nThe configured language model (LLM_BASE_URL) on the news questions');
    for (const g of withModel) {
      const f = (g as { model: NewsFigures }).model;
      console.log(
        `${g.name.padEnd(24)}answer@1 ${pct(f.answerAt1)}  evidence@3 ${pct(f.evidenceAt3)}  declined unanswerable ${f.unanswerable ? pct(f.declined) : '-'}`,
      );
    }
  }
}

/**
 * The two-turn conversations: the second question's answer@1 asked after the first, beside the
 * same question written out in full and asked alone, and as typed and asked alone.
 */
function printConversations(rows: readonly ConversationFigures[]) {
  console.log(`\nConversations (${CONVERSATIONS_FILE}): answer@1 of the second question`);
  console.log(
    `${'kind'.padEnd(12)}${'count'.padStart(7)}${'followed up'.padStart(13)}${'written out'.padStart(13)}${'ratio'.padStart(8)}${'typed alone'.padStart(13)}${'1st turns same'.padStart(16)}`,
  );
  for (const f of rows) {
    const share = (n: number) => pct(n / f.conversations);
    console.log(
      `${f.kind.padEnd(12)}${String(f.conversations).padStart(7)}${share(f.inConversation).padStart(13)}${share(f.alone).padStart(13)}${(f.alone ? (f.inConversation / f.alone).toFixed(2) : '-').padStart(8)}${share(f.typedAlone).padStart(13)}${`${f.firstTurnsUnchanged}/${f.conversations}`.padStart(16)}`,
    );
  }
  console.log(
    'written out: the second question in full, asked alone (for a change of subject, as typed); typed alone: as typed, with no conversation.',
  );
}

/**
 * Context recall@k: the share of questions whose gold answer is in the passages a language
 * model would be sent, beside evidence@3 of the quoted answer, with the prompt's size and time.
 */
function printContext(title: string, rows: [string, ContextFigures][]) {
  console.log(`\n${title}: context recall@k (gold answer in the passages a model is sent)`);
  console.log(
    `${'group'.padEnd(24)}${RECALL_KS.map((k) => `@${k}`.padStart(8)).join('')}${'evid.@3'.padStart(9)}${'tokens p50/p99'.padStart(16)}${'build p50/p99'.padStart(18)}`,
  );
  for (const [name, f] of rows) {
    console.log(
      `${`${name} (${f.questions})`.padEnd(24)}${RECALL_KS.map((k) => pct(f.recallAt[k]).padStart(8)).join('')}${pct(f.evidenceAt3).padStart(9)}${`${f.promptTokens.p50}/${f.promptTokens.p99}`.padStart(16)}${`${f.buildMs.p50.toFixed(2)}/${f.buildMs.p99.toFixed(2)} ms`.padStart(18)}`,
    );
  }
}

function printSummaries(s: Awaited<ReturnType<typeof measureSummaries>>) {
  console.log(
    `\nBBC News summaries: ${s.articles} articles, ROUGE F1 against the reference summaries`,
  );
  console.log(
    `${'summariser'.padEnd(22)}${'ROUGE-1'.padStart(9)}${'ROUGE-2'.padStart(9)}${'ROUGE-L'.padStart(9)}${'mean chars'.padStart(12)}`,
  );
  const row = (name: string, f: SummaryFigures) =>
    console.log(
      `${name.padEnd(22)}${f.rouge1.toFixed(1).padStart(9)}${f.rouge2.toFixed(1).padStart(9)}${f.rougeL.toFixed(1).padStart(9)}${f.meanChars.toFixed(0).padStart(12)}`,
    );
  row('newsdesk (medium)', s.newsdesk);
  row('Lead-3', s.lead3);
  row('length-matched lead', s.lengthMatchedLead);
}

const results: Record<string, unknown> = { date: new Date().toISOString() };
/** Whether a section runs: all do, unless --only names some (comma-separated). */
const runs = (section: string) => args.only === undefined || args.only.split(',').includes(section);
if (runs('related')) {
  const related = measureRelated();
  results.related = related;
  console.log(
    `\nRelated articles on BBC News (${related.articles} articles, top 5): ${pct(related.topicPrecision)} from the same topic folder; ${related.meanShown.toFixed(2)} shown per article, ${pct(related.withNone)} with none above the similarity floor; p50 ${related.p50Ms.toFixed(2)} ms, p99 ${related.p99Ms.toFixed(2)} ms`,
  );
}
if (runs('alerts')) {
  const alerts = measureAlerts(bbc.index, bbc.corpus);
  results.alerts = alerts;
  console.log(
    '\nTopic alerts on BBC News (bench/data/alert-topics.json): would an alert fire on each article',
  );
  console.log(
    `${'group'.padEnd(24)}${'topics'.padStart(8)}${'threshold'.padStart(11)}${'precision'.padStart(11)}${'recall'.padStart(9)}   right/wrong/missed`,
  );
  for (const a of alerts)
    console.log(
      `${a.group.padEnd(24)}${String(a.topics).padStart(8)}${a.threshold.toFixed(2).padStart(11)}${a.precision.toFixed(3).padStart(11)}${a.recall.toFixed(3).padStart(9)}   ${a.truePositives}/${a.falsePositives}/${a.misses}`,
    );
  const timing = alerts[0]?.scoreMicros;
  if (timing)
    console.log(
      `Scoring one arriving article against one alert: p50 ${timing.p50.toFixed(1)} µs, p99 ${timing.p99.toFixed(1)} µs over the topics (after a warm-up pass); baseline, one search of the whole index for the topic: p50 ${timing.searchP50.toFixed(1)} µs`,
    );
}
if (runs('squad')) {
  results.squad = await measureSquad();
  printSquad(results.squad as Awaited<ReturnType<typeof measureSquad>>);
}
if (runs('news')) {
  results.news = await measureNews();
  printNews(results.news as Awaited<ReturnType<typeof measureNews>>);
}
if (runs('summary')) {
  results.summaries = await measureSummaries();
  printSummaries(results.summaries as Awaited<ReturnType<typeof measureSummaries>>);
}
if (args.calibrate) {
  const fitted = fitLogistic(
    calibrationRows.map((r) => r.signals),
    calibrationRows.map((r) => r.correct),
  );
  results.fitted = fitted;
  console.log(
    `\nConfidence model fitted on ${calibrationRows.length} answers:`,
    JSON.stringify(fitted),
  );
}
await mkdir(path.dirname(args.out), { recursive: true });
await writeFile(args.out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nFigures written to ${path.relative(process.cwd(), args.out)}`);
