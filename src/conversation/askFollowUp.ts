import type { Ask, AskRequest } from '../answer/Ask.js';
import type { Answer } from '../answer/types.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import { readFollowUp } from './readFollowUp.js';
import type { Turn } from './types.js';

/** Turns kept per conversation: a follow-up reads the one before it, a third turn two back. */
export const TURNS_KEPT = 4;

/** Articles of an answer a follow-up prefers: those it cited first. */
const ARTICLES_KEPT = 3;

/**
 * Writes a follow-up out in full from the turns before it, such as a language model does
 * (src/model/rewriteFollowUp.ts); undefined when it cannot, and the rules' reading stands.
 */
export type Rewriter = (question: string, before: readonly Turn[]) => Promise<string | undefined>;

/**
 * The index a follow-up is read against: the whole index in memory, or, from a database, the
 * part of the archive that the question and the articles the turns before cited need.
 */
export type FollowUpIndex = (
  question: string,
  before: readonly Turn[],
) => PassageIndex | Promise<PassageIndex>;

/** A question asked in a conversation: the answer, and the turn to remember it by. */
export type FollowUpAsk = (
  question: string,
  before: readonly Turn[],
  request?: AskRequest,
) => Promise<{ answer: Answer; turn: Turn }>;

/**
 * Answers a question in the light of the turns before it (see readFollowUp), through any
 * composer behind the {@link Ask} seam. When the rules find that it leans on the turn before,
 * `rewrite` (a language model) may write it out instead; a question the rules read as standing
 * alone is asked exactly as typed. The answer keeps the question as typed and adds
 * `standaloneQuestion` when it answered a written-out one, so a misreading shows.
 */
export function askFollowUp(ask: Ask, index: FollowUpIndex, rewrite?: Rewriter): FollowUpAsk {
  return async (question, before, request = {}) => {
    const read = readFollowUp(await index(question, before), before, question);
    if (rewrite && read.carried.length > 0) {
      const written = await rewrite(question, before);
      if (written) read.standalone = written;
    }
    const answered = await ask(read.standalone, {
      ...request,
      ...(read.preferArticles.length > 0 ? { preferArticles: read.preferArticles } : {}),
    });
    const answer: Answer =
      read.standalone === question
        ? answered
        : { ...answered, question, standaloneQuestion: read.standalone };
    const turn: Turn = {
      question,
      standalone: read.standalone,
      subjects: read.subjects,
      articleIds: answer.found ? citedArticles(answer) : [],
    };
    return { answer, turn };
  };
}

/** The conversation after one more turn, the oldest forgotten beyond {@link TURNS_KEPT}. */
export function addTurn(before: readonly Turn[], turn: Turn): Turn[] {
  return [...before, turn].slice(-TURNS_KEPT);
}

function citedArticles(answer: Answer): string[] {
  return [...new Set(answer.citations.map((c) => c.articleId))].slice(0, ARTICLES_KEPT);
}
