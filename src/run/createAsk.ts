import type { Logger } from 'pino';
import { type AnswerSource, type Ask, quotedAsk } from '../answer/Ask.js';
import type { Answer } from '../answer/types.js';
import type { LlmConfig } from '../config.js';
import type { Rewriter } from '../conversation/askFollowUp.js';
import type { PassageIndex } from '../search/PassageIndex.js';

/** What the wiring hears of each model call, for the metrics. */
export type ModelCallListener = (outcome: string, seconds: number, usage?: Answer['usage']) => void;

/** How questions are answered in this process, and what `/stats` may say of the model. */
export interface Asking {
  ask: Ask;
  /** Writes a follow-up out in full, when a language model is configured. */
  rewrite?: Rewriter;
  /** Set when a language model writes the answers. */
  model?: { name: string; promptVersion: string; spentToday: () => Promise<number> };
}

/**
 * The composer this process answers with: quoted when no model is configured (and then the
 * model code and the `openai` client are never loaded), else the model composer over the
 * same retrieval, from the index in memory or the database. With `sharedDir` the limits and
 * the daily budget are counted in that folder, together with every other process that shares it.
 */
export async function createAsk(
  llm: LlmConfig | undefined,
  articles: AnswerSource,
  options: { logger: Logger; sharedDir?: string; onCall?: ModelCallListener },
): Promise<Asking> {
  if (!llm) return { ask: articles.quoted };
  const index = articles.indexFor;
  const [
    { createModelClient },
    { modelAsk },
    { ModelAllowance },
    { PROMPT },
    { CircuitBreaker },
    { modelRewriter },
  ] = await Promise.all([
    import('../model/callModel.js'),
    import('../model/modelAsk.js'),
    import('../model/ModelAllowance.js'),
    import('../model/prompt.js'),
    import('../model/CircuitBreaker.js'),
    import('../model/rewriteFollowUp.js'),
  ]);
  const limits = {
    userPerHour: llm.userPerHour,
    serverPerHour: llm.serverPerHour,
    ...(llm.dailyTokens !== undefined ? { dailyTokens: llm.dailyTokens } : {}),
  };
  let allowance: InstanceType<typeof ModelAllowance>;
  try {
    allowance = new ModelAllowance(limits, options.sharedDir ? { dir: options.sharedDir } : {});
  } catch (error) {
    options.logger.warn(
      { err: error, dir: options.sharedDir },
      'cannot write to DATA_DIR; counting model limits in this process only',
    );
    allowance = new ModelAllowance(limits);
  }
  const { logger } = options;
  logger.info(
    { model: llm.model, baseUrl: llm.baseUrl, promptVersion: PROMPT.version },
    'answers are written by a language model',
  );
  const client = createModelClient({
    baseUrl: llm.baseUrl,
    model: llm.model,
    ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
    timeoutMs: llm.timeoutMs,
    maxAnswerTokens: llm.maxAnswerTokens,
  });
  // One breaker for answers and rewrites: a dead endpoint is dead for both.
  const breaker = new CircuitBreaker();
  const ask = modelAsk({
    index,
    client,
    breaker,
    context: { passages: llm.passages, promptTokens: llm.promptTokens },
    allowance,
    onCall: (outcome, seconds, usage) => {
      logger[outcome === 'answered' || outcome === 'declined' ? 'debug' : 'warn'](
        { outcome, ms: Math.round(seconds * 1000), ...(usage ?? {}) },
        'model call',
      );
      options.onCall?.(outcome, seconds, usage);
    },
  });
  return {
    ask,
    rewrite: modelRewriter(client, breaker, allowance),
    model: {
      name: llm.model,
      promptVersion: PROMPT.version,
      spentToday: () => allowance.spentToday(),
    },
  };
}

/** One index that does not change, as {@link createAsk} reads articles: the JSON CLI's and the benchmarks'. */
export function fixedIndex(index: PassageIndex): AnswerSource {
  return { quoted: quotedAsk(() => index), indexFor: () => index };
}
