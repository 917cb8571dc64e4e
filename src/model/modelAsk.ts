import { type Ask, type AskRequest, answerOptionsOf } from '../answer/Ask.js';
import { answerWithEvidence, type Evidence } from '../answer/answerQuestion.js';
import { notFoundText } from '../answer/composeAnswer.js';
import type { Answer, FallbackReason } from '../answer/types.js';
import { splitSentences } from '../corpus/splitSentences.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import { buildContext, type ContextOptions, type ModelContext } from './buildContext.js';
import { CircuitBreaker } from './CircuitBreaker.js';
import type { ModelClient, ModelFailure } from './callModel.js';
import { checkReply } from './checkReply.js';
import { composeModelAnswer } from './composeModelAnswer.js';
import type { ModelAllowance, Refusal } from './ModelAllowance.js';
import { PROMPT } from './prompt.js';
import { widerEvidence } from './widerEvidence.js';

/** How one model call ended, for the metrics. */
export type CallOutcome =
  | 'answered'
  | 'ungrounded'
  | 'declined'
  | 'timeout'
  | 'error'
  | 'rate-limited'
  | 'malformed';

/** What the model composer is built from. */
export interface ModelAskOptions {
  /**
   * The index a question's passages are found in: the whole index in memory, or, from a
   * database, the part of the archive that question needs.
   */
  index: (question: string, request: AskRequest) => PassageIndex | Promise<PassageIndex>;
  client: ModelClient;
  context?: ContextOptions;
  breaker?: CircuitBreaker;
  /** Per-person and per-server limits and the daily budget; none, no limits. */
  allowance?: ModelAllowance;
  /** Hears every call that went out: how it ended, how long it took, the tokens it used. */
  onCall?: (outcome: CallOutcome, seconds: number, usage?: Answer['usage']) => void;
}

/** What a reader is told under a quoted answer given in place of a model's. */
const FALLBACK_NOTES: Record<FallbackReason, string> = {
  timeout: 'The language model took too long, so this is the quoted answer.',
  error: 'The language model was unavailable, so this is the quoted answer.',
  'circuit-open': 'The language model is unavailable right now, so this is the quoted answer.',
  'rate-limited': 'The language model is busy, so this is the quoted answer.',
  ungrounded: "The model's answer did not match the articles, so this is the quoted answer.",
  budget: "Today's language-model budget is used up, so this is the quoted answer.",
  declined: 'The language model found no answer in the passages; this is the closest quote.',
};

/** Under a model-written answer. */
const MODEL_NOTE = 'Written by a language model from the cited passages, checked against them.';

/**
 * The second composer behind the {@link Ask} seam: retrieves as the quoted composer does,
 * hands the model the best passages, checks its reply sentence by sentence against them, and
 * answers with what passed. Whenever the model cannot give a checked answer (unreachable, slow,
 * rate-limited, over a limit, nothing grounded) the reader gets the quoted answer with a short
 * note, as fast as the failure allows. Never throws for anything the model or the network does.
 */
export function modelAsk(options: ModelAskOptions): Ask {
  const breaker = options.breaker ?? new CircuitBreaker();
  const { client, allowance, onCall } = options;

  return async (question: string, request: AskRequest = {}): Promise<Answer> => {
    const index = await options.index(question, request);
    const preferred = answerOptionsOf(request);
    const { answer: quoted, evidence } = answerWithEvidence(index, question, preferred);
    const base: Answer = { ...quoted, composer: 'extractive' };
    // Nothing to read (an empty question, a date range with no articles, "what's the latest"):
    // the quoted answer is the whole answer.
    if (evidence.hits.length === 0) return base;
    const fallback = (reason: FallbackReason, note = FALLBACK_NOTES[reason]): Answer => ({
      ...base,
      fallbackReason: reason,
      note,
      promptVersion: PROMPT.version,
    });

    const allowed = breaker.allow();
    if (!allowed.ok) return fallback(allowed.reason === 'paused' ? 'rate-limited' : 'circuit-open');
    if (allowance) {
      const taken = await allowance.take(request);
      if (!taken.ok)
        return fallback(taken.reason === 'budget' ? 'budget' : 'rate-limited', limitNote(taken));
    }

    const read = widerEvidence(index, question, evidence, preferred);
    const context = buildContext(question, read, quoted, options.context);
    request.onProgress?.({
      stage: 'reading',
      passages: context.passages.length,
      articles: context.articles,
    });
    const started = performance.now();
    const result = await client.complete(context.messages, {
      stream: request.stream === true,
      ...(request.onProgress ? { onText: progressReporter(context, request) } : {}),
    });
    const seconds = (performance.now() - started) / 1000;

    if (!result.ok) {
      const { failure } = result;
      if (isTransportFailure(failure)) breaker.failure();
      else breaker.success();
      if (failure.kind === 'rate-limited') breaker.pause(failure.retryAfterMs ?? 10_000);
      onCall?.(outcomeOf(failure), seconds);
      return fallback(
        failure.kind === 'timeout'
          ? 'timeout'
          : failure.kind === 'rate-limited'
            ? 'rate-limited'
            : 'error',
      );
    }
    breaker.success();
    const usage = result.usage ?? {
      promptTokens: context.promptTokens,
      completionTokens: Math.ceil(result.text.length / 4),
    };
    await allowance?.spend(usage.promptTokens + usage.completionTokens);
    const checked = checkReply(result.text, context.passages);
    const spent = { model: result.model, usage, promptVersion: PROMPT.version };

    if (checked.declined) {
      onCall?.('declined', seconds, usage);
      if (quoted.found && quoted.confidenceLevel === 'high')
        return { ...fallback('declined'), ...spent };
      return {
        ...base,
        ...spent,
        found: false,
        reason: 'declined',
        hedged: false,
        text: notFoundText(quoted.articlesSearched, evidence.hits[0]?.passage, quoted.scope?.label),
        sentences: [],
        citations: quoted.citations,
        note: 'The language model read the closest passages and found no answer in them.',
      };
    }
    if (checked.sentences.length === 0) {
      onCall?.('ungrounded', seconds, usage);
      return { ...fallback('ungrounded'), ...spent };
    }
    onCall?.('answered', seconds, usage);
    const { hedged: _hedged, ...rest } = quoted;
    return {
      ...rest,
      ...composeModelAnswer(
        quoted,
        checked.sentences,
        context.passages,
        checked.dropped.length === 0,
        searchScores(read),
      ),
      found: true,
      composer: 'llm',
      ...spent,
      note: MODEL_NOTE,
    };
  };
}

/** Each found paragraph's search score, as the quoted answer's citations carry it. */
function searchScores(evidence: Evidence): (articleId: string, paragraph: number) => number {
  const scores = new Map<string, number>();
  for (const hit of evidence.hits) {
    const key = `${hit.passage.article.id}#${hit.passage.paragraph.number}`;
    scores.set(key, Math.max(scores.get(key) ?? 0, hit.score));
  }
  return (articleId, paragraph) => scores.get(`${articleId}#${paragraph}`) ?? 0;
}

/** Time-outs, 5xx and failed connections: the endpoint is down, not the request wrong. */
function isTransportFailure(failure: ModelFailure): boolean {
  return failure.kind === 'timeout' || failure.kind === 'connection' || failure.kind === 'server';
}

function outcomeOf(failure: ModelFailure): CallOutcome {
  if (failure.kind === 'timeout' || failure.kind === 'rate-limited' || failure.kind === 'malformed')
    return failure.kind;
  return 'error';
}

function limitNote(refusal: Refusal): string {
  if (refusal.reason === 'budget') return FALLBACK_NOTES.budget;
  const minutes = Math.max(1, Math.ceil(refusal.retryAfterMs / 60_000));
  const who = refusal.reason === 'user' ? 'You have' : 'This server has';
  return `${who} had the most language-model answers for this hour (more in ${minutes} min), so this is the quoted answer.`;
}

/**
 * Turns the stream's text into progress a reader may see: only whole sentences, and only
 * those that pass the checks; unchecked text is never passed on.
 */
function progressReporter(context: ModelContext, request: AskRequest): (soFar: string) => void {
  let shown = '';
  return (soFar) => {
    const spans = splitSentences(soFar);
    const last = spans.at(-1);
    if (!last || spans.length < 2) return;
    const complete = soFar.slice(0, last.start);
    const { sentences } = checkReply(complete, context.passages);
    const text = sentences
      .map((s) => `${s.text} ${s.passages.map((n) => `[${n}]`).join('')}`)
      .join(' ');
    if (text && text !== shown) {
      shown = text;
      request.onProgress?.({ stage: 'writing', text });
    }
  };
}
