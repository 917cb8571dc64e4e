import { answerWithEvidence } from '../../src/answer/answerQuestion.js';
import { buildContext } from '../../src/model/buildContext.js';
import { widerEvidence } from '../../src/model/widerEvidence.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { containsAnswer } from './squadMetrics.js';
import { percentile } from './stats.js';

/** The numbers of passages the context-recall table reports. */
export const RECALL_KS = [3, 5, 8, 12] as const;

/** What a language model would be given, measured on questions with gold answers. */
export interface ContextFigures {
  questions: number;
  /** Share of the questions whose gold answer is in the passages sent, for each k. */
  recallAt: Record<(typeof RECALL_KS)[number], number>;
  /** Share whose gold answer is in one of the quoted answer's first three citations. */
  evidenceAt3: number;
  /** The prompt at the default eight passages, in tokens (characters / 4). */
  promptTokens: { p50: number; p99: number };
  /** Time of the wider search, choosing the passages and writing the prompt. */
  buildMs: { p50: number; p99: number };
}

/**
 * Context recall@k: whether the gold answer is anywhere in the passages a model would get,
 * the question itself left out, for k = 3, 5, 8 and 12 passages, beside evidence@3 of the
 * quoted answer's citations, with the default prompt's size and the time to build it.
 */
export function contextRecall(
  index: PassageIndex,
  questions: readonly { question: string; answers: readonly string[] }[],
): ContextFigures {
  const hits = Object.fromEntries(RECALL_KS.map((k) => [k, 0])) as Record<
    (typeof RECALL_KS)[number],
    number
  >;
  let evidence = 0;
  const tokens: number[] = [];
  const times: number[] = [];
  for (const q of questions) {
    const { answer, evidence: plain } = answerWithEvidence(index, q.question);
    if (answer.citations.slice(0, 3).some((c) => containsAnswer(c.quote, q.answers))) evidence++;
    const started = performance.now();
    // What the model path reads (modelAsk): the quoted answer first, then the wider search.
    const found = widerEvidence(index, q.question, plain);
    const searchMs = performance.now() - started;
    for (const k of RECALL_KS) {
      const building = performance.now();
      const context = buildContext(q.question, found, answer, { passages: k });
      if (k === 8) {
        times.push(searchMs + performance.now() - building);
        tokens.push(context.promptTokens);
      }
      if (containsAnswer(context.passages.map((p) => p.text).join('\n'), q.answers)) hits[k]++;
    }
  }
  const share = (n: number) => (questions.length === 0 ? 0 : n / questions.length);
  return {
    questions: questions.length,
    recallAt: Object.fromEntries(
      RECALL_KS.map((k) => [k, share(hits[k])]),
    ) as ContextFigures['recallAt'],
    evidenceAt3: share(evidence),
    promptTokens: { p50: percentile(tokens, 0.5), p99: percentile(tokens, 0.99) },
    buildMs: { p50: percentile(times, 0.5), p99: percentile(times, 0.99) },
  };
}
