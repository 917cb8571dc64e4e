import type { Viewer } from '../corpus/collections.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import { type AnswerOptions, answerQuestion } from './answerQuestion.js';
import type { Answer } from './types.js';

/**
 * The one seam every adapter answers through (Discord, console, JSON CLI): a question in, an
 * {@link Answer} out, asynchronously, since a composer may live outside the process (a
 * language model, later a database). The quoted composer answers at once; the model composer
 * (`src/model/`) is a second implementation behind the same shape.
 */
export type Ask = (question: string, request?: AskRequest) => Promise<Answer>;

/** What an adapter may tell a composer about one question. */
export interface AskRequest {
  /** Who asks and where, for the per-user and per-server limits on model calls. */
  userId?: string;
  guildId?: string;
  /**
   * Stream the model's answer: `onProgress` then hears each sentence once it is complete and
   * checked. Without it the whole reply is read at once.
   */
  stream?: boolean;
  /** What the composer is doing, for a reader waiting on it. */
  onProgress?: (progress: AskProgress) => void;
  /** Articles to prefer: those the question before in a conversation cited. */
  preferArticles?: readonly string[];
  /** Whose collections are searched: a server's, a DM's; every article when not given. */
  viewer?: Viewer;
}

/** A step of a model-written answer, as a reader may be shown it. */
export type AskProgress =
  /** The passages are being read: how many, from how many articles. */
  | { stage: 'reading'; passages: number; articles: number }
  /** The checked sentences so far, with their `[n]` markers. */
  | { stage: 'writing'; text: string };

/**
 * What answers are made from: the quoted composer, and the index a question is read in (the
 * model composer finds its passages there). In memory that is the whole index; from a
 * database, the part of the archive one question needs.
 */
export interface AnswerSource {
  quoted: Ask;
  indexFor: (question: string, request: AskRequest) => PassageIndex | Promise<PassageIndex>;
}

/** The quoted composer behind the {@link Ask} seam: today's answers, unchanged. */
export function quotedAsk(index: () => PassageIndex): Ask {
  return async (question, request = {}) => ({
    ...answerQuestion(index(), question, answerOptionsOf(request)),
    composer: 'extractive',
  });
}

/** The parts of a request that change how the passages are found. */
export function answerOptionsOf(request: AskRequest): AnswerOptions {
  return {
    ...(request.preferArticles ? { preferArticles: request.preferArticles } : {}),
    ...(request.viewer ? { viewer: request.viewer } : {}),
  };
}
