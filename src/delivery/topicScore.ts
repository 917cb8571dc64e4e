import type { Article } from '../corpus/types.js';
import { analyzeText } from '../search/analyzeText.js';
import type { PassageIndex } from '../search/PassageIndex.js';

/**
 * The score at which an alert fires. Chosen by `npm run bench:quality` on the two thirds of
 * the hand-labelled topics that are not held out (bench/data/alert-topics.json): the best F1
 * there. The held-out third is reported beside it, never tuned on.
 */
export const ALERT_THRESHOLD = 0.18;

/** How much the headline counts next to one sentence of the body. */
const TITLE_WEIGHT = 3;
/** Sentence i counts 1 / (1 + i / LEAD_DECAY): news puts what a story is about first. */
const LEAD_DECAY = 3;
/** Scores are divided by this, so that a typical threshold reads as a fraction. */
const SCALE = 10;

/**
 * How much an article is about a topic a reader typed ("oil prices", "Yukos"), read with the
 * index's own analysis: the topic's words stemmed as questions are, each weighted by its
 * rarity (idf) as the search weighs it. Each sentence counts the share of the topic's weight
 * it holds, early sentences more than late ones, the headline three times; the sum is scaled
 * by the share of the topic the article holds anywhere, so a story about "ID theft" is not
 * about "ID cards". 0 when the topic has no searchable words.
 */
export function topicScore(index: PassageIndex, topic: string, article: Article): number {
  const terms = [...new Set(analyzeText(topic))];
  if (terms.length === 0) return 0;
  const weights = terms.map((term) => index.idf(term));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const found = new Set<string>();
  const share = (words: readonly string[]): number => {
    const present = new Set(words);
    let held = 0;
    terms.forEach((term, i) => {
      if (!present.has(term)) return;
      held += weights[i] as number;
      found.add(term);
    });
    return held / total;
  };
  let score = TITLE_WEIGHT * share(analyzeText(article.title));
  let position = 0;
  for (const passage of index.passagesOf(article))
    for (const words of index.termsOfSentences(passage))
      score += share(words) / (1 + position++ / LEAD_DECAY);
  const coverage =
    terms.reduce((sum, term, i) => sum + (found.has(term) ? (weights[i] as number) : 0), 0) / total;
  return (coverage * score) / SCALE;
}
