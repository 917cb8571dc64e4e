import OpenAI from 'openai';
import { z } from 'zod';

/** Where the model is and how it may be called (from LLM_* settings). */
export interface ModelEndpoint {
  /** An OpenAI-compatible base URL: OpenAI, Ollama, llama.cpp's server, vLLM, LM Studio… */
  baseUrl: string;
  model: string;
  /** A secret: passed to the client only, never logged or put in an error. */
  apiKey?: string;
  /** One deadline for the whole call, a stalled stream included. */
  timeoutMs: number;
  maxAnswerTokens: number;
}

/** Why a call gave no usable reply, as the composer and the circuit breaker tell them apart. */
export type ModelFailure =
  | { kind: 'timeout' }
  | { kind: 'connection' }
  | { kind: 'server'; status: number }
  | { kind: 'rate-limited'; retryAfterMs?: number }
  /** The server answered, but not with a chat completion (not JSON, empty, wrong shape). */
  | { kind: 'malformed' }
  /** The server refused the request (a 4xx other than 429): a wrong model name or key. */
  | { kind: 'refused'; status: number };

/** A reply, or why there is none. */
export type ModelResult =
  | {
      ok: true;
      text: string;
      model: string;
      usage?: { promptTokens: number; completionTokens: number };
    }
  | { ok: false; failure: ModelFailure };

/** A chat message as the model is sent it. */
export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** What one call may ask for beyond the messages. */
export interface CallOptions {
  /** Read the reply as it is written; `onText` hears the whole text so far after each piece. */
  stream?: boolean;
  onText?: (soFar: string) => void;
}

/** Calls one model; made once per process. */
export interface ModelClient {
  complete(messages: readonly ChatMessage[], options?: CallOptions): Promise<ModelResult>;
}

/** Placeholder key for servers that need none (Ollama, llama.cpp): the client insists on one. */
const NO_KEY = 'not-needed';

const completionShape = z.object({
  model: z.string().optional(),
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable().optional() }) }))
    .min(1),
  usage: z
    .object({ prompt_tokens: z.number(), completion_tokens: z.number() })
    .nullable()
    .optional(),
});

/**
 * The official `openai` client pointed at `baseUrl`, with everything it would otherwise read
 * from the environment given explicitly (an operator's OPENAI_API_KEY must never go to another
 * LLM_BASE_URL), its own retries off (the circuit breaker decides about retrying) and its
 * logging off (a request may carry the key). Newer OpenAI models refuse `max_tokens` and want
 * `max_completion_tokens`: a refusal naming it switches this client over, once.
 */
export function createModelClient(endpoint: ModelEndpoint): ModelClient {
  const client = new OpenAI({
    baseURL: endpoint.baseUrl,
    apiKey: endpoint.apiKey || NO_KEY,
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: endpoint.timeoutMs,
    logLevel: 'off',
  });
  let limitField: 'max_tokens' | 'max_completion_tokens' = /^(o\d|gpt-5)/i.test(endpoint.model)
    ? 'max_completion_tokens'
    : 'max_tokens';

  const attempt = async (
    messages: readonly ChatMessage[],
    options: CallOptions,
    signal: AbortSignal,
  ): Promise<ModelResult> => {
    const body = {
      model: endpoint.model,
      messages: messages.map((m) => ({ role: m.role, content: m.content })),
      [limitField]: endpoint.maxAnswerTokens,
      temperature: 0,
    };
    const requestOptions = { signal, timeout: endpoint.timeoutMs, maxRetries: 0 };
    if (options.stream) {
      const stream = await client.chat.completions.create(
        { ...body, stream: true, stream_options: { include_usage: true } },
        requestOptions,
      );
      let text = '';
      let model = endpoint.model;
      let usage: { promptTokens: number; completionTokens: number } | undefined;
      for await (const chunk of stream) {
        if (chunk.model) model = chunk.model;
        if (chunk.usage)
          usage = {
            promptTokens: chunk.usage.prompt_tokens,
            completionTokens: chunk.usage.completion_tokens,
          };
        const piece = chunk.choices?.[0]?.delta?.content;
        if (piece) {
          text += piece;
          options.onText?.(text);
        }
      }
      if (!text.trim()) return { ok: false, failure: { kind: 'malformed' } };
      return { ok: true, text, model, ...(usage ? { usage } : {}) };
    }
    const reply: unknown = await client.chat.completions.create(body, requestOptions);
    const parsed = completionShape.safeParse(reply);
    const text = parsed.success ? parsed.data.choices[0]?.message.content : undefined;
    if (!parsed.success || !text?.trim()) return { ok: false, failure: { kind: 'malformed' } };
    const { usage } = parsed.data;
    return {
      ok: true,
      text,
      model: parsed.data.model || endpoint.model,
      ...(usage
        ? {
            usage: { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens },
          }
        : {}),
    };
  };

  return {
    async complete(messages, options = {}) {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), endpoint.timeoutMs);
      try {
        try {
          const result = await attempt(messages, options, deadline.signal);
          // An aborted stream may simply end: a cut-off reply is a time-out, not an answer.
          return deadline.signal.aborted ? { ok: false, failure: { kind: 'timeout' } } : result;
        } catch (error) {
          if (!wantsOtherLimitField(error, limitField)) throw error;
          limitField = limitField === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
          return await attempt(messages, options, deadline.signal);
        }
      } catch (error) {
        return {
          ok: false,
          failure: deadline.signal.aborted ? { kind: 'timeout' } : classify(error),
        };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** A 400 that names the other token-limit field: the server wants that one instead. */
function wantsOtherLimitField(error: unknown, used: string): boolean {
  return (
    error instanceof OpenAI.APIError &&
    error.status === 400 &&
    /max_(completion_)?tokens/.test(error.message) &&
    error.message.includes(used)
  );
}

/** What went wrong, in the terms the composer acts on; never the error's text, which may echo a key. */
function classify(error: unknown): ModelFailure {
  if (
    error instanceof OpenAI.APIConnectionTimeoutError ||
    error instanceof OpenAI.APIUserAbortError
  )
    return { kind: 'timeout' };
  if (error instanceof OpenAI.APIConnectionError) return { kind: 'connection' };
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    if (error.status === 429) {
      const retryAfterMs = retryAfter(error.headers);
      return { kind: 'rate-limited', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    if (error.status >= 500) return { kind: 'server', status: error.status };
    return { kind: 'refused', status: error.status };
  }
  // A body that is not JSON, or a stream that is not server-sent events.
  return { kind: 'malformed' };
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
function retryAfter(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
