import type { ConfidenceLevel, ConfidenceSignals } from './types.js';

/**
 * Logistic-regression weights fitted by `npm run bench:quality -- --only squad,news --calibrate`
 * on 6,433 found answers: SQuAD half A, half of its questions asked of BBC News (which cannot
 * answer them) and the news set's development part (its unanswerable questions included). The
 * estimate is the chance that the answer's first 300 characters hold a gold answer.
 */
const WEIGHTS: ConfidenceSignals & { bias: number } = {
  bias: -7.0358,
  coverage: -1.0663,
  sentenceScore: 0.4906,
  margin: 0.0657,
  typeFit: -1.9685,
  typed: 0.2359,
  topPassage: 0.4062,
  subjects: -0.6509,
  relation: -0.1852,
  share: 3.2735,
  soft: -1.2015,
};

/** At or above this, an answer is labelled high: at least 90 % of such answers held the fact. */
export const HIGH_CONFIDENCE = 0.85;
/** Below this, an answer is labelled low and worded as unsure. */
export const LOW_CONFIDENCE = 0.5;
/**
 * Below this share of what the question asks beyond its subjects, held by the sentence word for
 * word or in meaning (the `soft` signal), an answer is labelled low. Measured on the news set's
 * development part: of the answers it turned low, 5 of 12 were right and 5 answered questions
 * the articles cannot answer; at 0.5 it turned 7 low, and 0.55 to 0.62 did the same there.
 */
export const MIN_SOFT_OVERLAP = 0.55;

/** The estimated chance (0–1) that an answer holds what was asked. */
export function estimateConfidence(signals: ConfidenceSignals): number {
  let z = WEIGHTS.bias;
  for (const key of Object.keys(signals) as (keyof ConfidenceSignals)[]) {
    z += WEIGHTS[key] * signals[key];
  }
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

/**
 * A confidence in the three steps a reader sees. Two kinds of answer are never labelled high,
 * however well their words match:
 * - one from a story that does not name all of the question's subjects: the story may be about
 *   someone else;
 * - one to a question that asks for no kind of fact ("what did the scan show", "why"), as
 *   nothing tells whether the sentence says it. On the news set's development part, 8 of 11
 *   such answers estimated high were right, against 22 of 24 of the others.
 *
 * Two kinds of answer are labelled low, so they are worded as unsure: they are about the right
 * thing but may not say what was asked, which is what most questions the articles cannot
 * answer get.
 * - An answer to a question that asks for a kind of fact (a number for "how many", an age for
 *   "how old", a date for "when", a name for "who") whose sentence holds none, or, for "how
 *   many", does not name what is counted.
 * - An answer whose sentence holds little of what the question asks of its subjects (see
 *   {@link MIN_SOFT_OVERLAP}): "when was he appointed" met by a sentence naming him and a date.
 */
export function levelOf(
  confidence: number,
  signals?: Pick<ConfidenceSignals, 'subjects' | 'typed' | 'typeFit' | 'soft'>,
): ConfidenceLevel {
  if (signals && signals.typed === 1 && signals.typeFit === 0) return 'low';
  if (signals && signals.soft < MIN_SOFT_OVERLAP) return 'low';
  if (confidence >= HIGH_CONFIDENCE) {
    return signals && (signals.subjects < 1 || signals.typed === 0) ? 'medium' : 'high';
  }
  return confidence < LOW_CONFIDENCE ? 'low' : 'medium';
}
