import type { ConfidenceLevel } from './types.js';

/** What an answer's confidence is estimated from; each is measured while choosing the answer. */
export interface ConfidenceSignals {
  /** Share (0–1) of the question's weight that the answer's paragraph covers. */
  coverage: number;
  /** The chosen sentence's score. */
  sentenceScore: number;
  /** How far the chosen sentence leads the best sentence of any other paragraph. */
  margin: number;
  /** 1 when the sentence holds the kind of fact asked for (a number for "how many", …). */
  typeFit: number;
  /** 1 when the sentence comes from the paragraph search ranked first. */
  topPassage: number;
}

/**
 * Logistic-regression weights fitted by `npm run bench:quality -- --calibrate` on the SQuAD
 * half in ../shared/data: the chance that the answer's first 300 characters hold a gold answer.
 */
const WEIGHTS: ConfidenceSignals & { bias: number } = {
  bias: -1.8994,
  coverage: -2.1785,
  sentenceScore: 1.7037,
  margin: 1.565,
  typeFit: -0.4723,
  topPassage: 0.1642,
};

/** At or above this, an answer is labelled high: at least 90 % of such answers held the fact. */
export const HIGH_CONFIDENCE = 0.85;
/** Below this, an answer is labelled low and worded as unsure. */
export const LOW_CONFIDENCE = 0.5;

/** The estimated chance (0–1) that an answer holds what was asked. */
export function estimateConfidence(signals: ConfidenceSignals): number {
  let z = WEIGHTS.bias;
  for (const key of Object.keys(signals) as (keyof ConfidenceSignals)[]) {
    z += WEIGHTS[key] * signals[key];
  }
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

/** A confidence in the three steps a reader sees. */
export function levelOf(confidence: number): ConfidenceLevel {
  if (confidence >= HIGH_CONFIDENCE) return 'high';
  return confidence < LOW_CONFIDENCE ? 'low' : 'medium';
}
