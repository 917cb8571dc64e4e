import { readFileSync } from 'node:fs';
import type { Corpus } from '../../src/corpus/types.js';
import { ALERT_THRESHOLD, topicScore } from '../../src/delivery/topicScore.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';

/** The hand-labelled alert topics: each with every BBC article that is about it. */
export const ALERT_TOPICS_FILE = new URL('../data/alert-topics.json', import.meta.url);

interface Topic {
  topic: string;
  heldOut: boolean;
  articles: string[];
}

/** Precision and recall of alerts over a group of topics, counted over every article. */
export interface AlertFigures {
  group: string;
  topics: number;
  threshold: number;
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  misses: number;
  /** Time to score one article against one topic, median and 99th percentile over topics (µs). */
  scoreMicros?: { p50: number; p99: number; searchP50: number };
}

/**
 * Alerts measured as they fire: for each topic, every article of the corpus whose
 * {@link topicScore} reaches the threshold, against the articles labelled as about it. The
 * threshold is chosen on the topics that are not held out (best F1) and reported with the
 * one the bot uses; the held-out topics are only measured.
 */
export function measureAlerts(index: PassageIndex, corpus: Corpus): AlertFigures[] {
  const topics = (JSON.parse(readFileSync(ALERT_TOPICS_FILE, 'utf8')) as { topics: Topic[] })
    .topics;
  // Each topic's whole pass over the corpus, timed: an arriving article costs one score per alert.
  const perArticle: number[] = [];
  const searchMicros: number[] = [];
  for (const a of corpus.articles) topicScore(index, topics[0]?.topic ?? '', a);
  for (const t of topics) {
    // Baseline, same run: one search of the whole index for the topic, as /ask would make.
    const started = performance.now();
    index.search(t.topic, 10);
    searchMicros.push((performance.now() - started) * 1000);
  }
  searchMicros.sort((a, b) => a - b);
  const scored = topics.map((t) => {
    const started = performance.now();
    const scores = corpus.articles.map((a) => ({ id: a.id, score: topicScore(index, t.topic, a) }));
    perArticle.push(((performance.now() - started) * 1000) / corpus.articles.length);
    return { ...t, scores };
  });
  perArticle.sort((a, b) => a - b);
  const at = (values: number[], q: number) =>
    values[Math.min(values.length - 1, Math.floor(q * values.length))] as number;
  const scoreMicros = {
    p50: at(perArticle, 0.5),
    p99: at(perArticle, 0.99),
    searchP50: at(searchMicros, 0.5),
  };
  const measure = (group: string, held: boolean, threshold: number): AlertFigures => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const chosen = scored.filter((t) => t.heldOut === held);
    for (const t of chosen) {
      const gold = new Set(t.articles);
      const fired = new Set(t.scores.filter((s) => s.score >= threshold).map((s) => s.id));
      for (const id of fired)
        if (gold.has(id)) tp++;
        else fp++;
      for (const id of gold) if (!fired.has(id)) fn++;
    }
    return {
      group,
      topics: chosen.length,
      threshold,
      precision: tp / Math.max(1, tp + fp),
      recall: tp / Math.max(1, tp + fn),
      truePositives: tp,
      falsePositives: fp,
      misses: fn,
    };
  };
  let best = { threshold: ALERT_THRESHOLD, f1: -1 };
  for (let step = 2; step <= 150; step++) {
    const threshold = step / 100;
    const { precision: p, recall: r } = measure('', false, threshold);
    const f1 = p + r > 0 ? (2 * p * r) / (p + r) : 0;
    if (f1 > best.f1 + 1e-12) best = { threshold, f1 };
  }
  return [
    { ...measure('tuning topics', false, ALERT_THRESHOLD), scoreMicros },
    measure('held-out topics', true, ALERT_THRESHOLD),
    measure('tuning, best F1 here', false, best.threshold),
  ];
}
