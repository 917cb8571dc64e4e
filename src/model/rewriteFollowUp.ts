import type { Rewriter } from '../conversation/askFollowUp.js';
import { processTerm, tokenize } from '../search/analyzeText.js';
import type { CircuitBreaker } from './CircuitBreaker.js';
import type { ModelClient } from './callModel.js';
import { LINK, stripMarkdown } from './defuseText.js';
import type { ModelAllowance } from './ModelAllowance.js';
import { REWRITE_PROMPT, rewriteMessage } from './prompt.js';

/** The words that say what a question asks, which a rewrite must keep. */
const QUESTION_WORDS = /\b(who|whom|whose|what|which|when|where|why|how)\b/g;

/** A rewrite longer than this is no question. */
const MAX_REWRITE_CHARS = 300;

/**
 * A follow-up written out in full by the language model, from the earlier questions of the
 * conversation (never passages). The rewrite is used only when {@link checkRewrite} accepts it;
 * otherwise, or when the model is slow, down or behind an open breaker, undefined, and the
 * rules' reading stands. Transport failures count toward the same breaker as answers, and
 * its tokens toward the same daily budget; over the budget, no rewrite is asked for.
 */
export function modelRewriter(
  client: ModelClient,
  breaker: CircuitBreaker,
  allowance?: ModelAllowance,
): Rewriter {
  return async (question, before) => {
    if (!breaker.allow().ok) return undefined;
    if (allowance && !(await allowance.withinBudget())) return undefined;
    const earlier = before.map((turn) => turn.standalone);
    const result = await client.complete([
      { role: 'system', content: REWRITE_PROMPT.system },
      { role: 'user', content: rewriteMessage(earlier, question) },
    ]);
    if (!result.ok) {
      const { kind } = result.failure;
      if (kind === 'timeout' || kind === 'connection' || kind === 'server') breaker.failure();
      if (kind === 'rate-limited') breaker.pause(result.failure.retryAfterMs ?? 10_000);
      return undefined;
    }
    breaker.success();
    if (allowance && result.usage)
      await allowance.spend(result.usage.promptTokens + result.usage.completionTokens);
    return checkRewrite(question, result.text);
  };
}

/**
 * The model's rewrite when it can stand for the reader's question: one line of plain text,
 * a question's length, still a question with the reader's question words, holding every
 * content word the reader typed, with no link or mention the reader did not type. Undefined otherwise: a rewrite that drops or changes the reader's
 * words would answer another question.
 */
export function checkRewrite(question: string, reply: string): string | undefined {
  const line = stripMarkdown(reply.replace(/<think>[\s\S]*?<\/think>/gi, ''))
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (!line) return undefined;
  const rewrite = line
    .replace(/^(rewritten( question)?|question|follow-up)\s*:\s*/i, '')
    .replace(/^["“']|["”']$/g, '')
    .trim();
  if (!rewrite || rewrite.length > MAX_REWRITE_CHARS) return undefined;
  // Still a question, asking what the reader asked: a model that answers instead fails here.
  if (question.trim().endsWith('?') && !rewrite.endsWith('?')) return undefined;
  const asks = (text: string) => new Set(text.toLowerCase().match(QUESTION_WORDS) ?? []);
  const rewriteAsks = asks(rewrite);
  for (const word of asks(question)) if (!rewriteAsks.has(word)) return undefined;
  const has = new Set(tokenize(rewrite).map((t) => processTerm(t)));
  for (const token of tokenize(question)) {
    const term = processTerm(token);
    if (term && !has.has(term)) return undefined;
  }
  const foreign = (pattern: RegExp) =>
    (rewrite.match(pattern) ?? []).some((found) => !question.includes(found));
  if (foreign(LINK) || foreign(/<[@#][!&]?\d+>|@\w+/g)) return undefined;
  return rewrite;
}
