import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { quotedAsk } from '../../src/answer/Ask.js';
import type { Answer } from '../../src/answer/types.js';
import { askFollowUp } from '../../src/conversation/askFollowUp.js';
import { renderAnswerJson } from '../../src/render/renderJson.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';
import { containsAnswer } from './squadMetrics.js';

/** The two-turn conversations over the news set (`bench/data/conversations.jsonl`). */
export const CONVERSATIONS_FILE = path.join('bench', 'data', 'conversations.jsonl');

/**
 * A first question, then one that leans on it (`follow-up`) or turns to another story
 * (`switch`), with the second question written out in full and its gold answers.
 */
export interface Conversation {
  id: string;
  kind: 'follow-up' | 'switch';
  part: 'dev' | 'heldout';
  turns: [
    { question: string; answers: string[] },
    { question: string; writtenOut: string; answers: string[]; articleId: string },
  ];
}

export async function readConversations(file = CONVERSATIONS_FILE): Promise<Conversation[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Conversation);
}

/** answer@1 of the second turns, asked in the conversation and alone, by kind of conversation. */
export interface ConversationFigures {
  kind: Conversation['kind'];
  conversations: number;
  /** The second question asked after the first, in one conversation. */
  inConversation: number;
  /** The same question written out in full (for a switch, as typed) and asked alone. */
  alone: number;
  /** The second question as typed, asked alone: what a bot without conversations gets. */
  typedAlone: number;
  /** First turns whose answer is exactly the one they get alone. */
  firstTurnsUnchanged: number;
}

/** Asks every conversation through the quoted composer and scores the second turns. */
export async function conversationFigures(
  index: PassageIndex,
  conversations: readonly Conversation[],
): Promise<ConversationFigures[]> {
  const ask = quotedAsk(() => index);
  const followUp = askFollowUp(ask, () => index);
  const correct = (answer: Answer, answers: string[]) =>
    containsAnswer(renderAnswerJson(answer).answer.slice(0, 300), answers) ? 1 : 0;
  const figures = new Map<Conversation['kind'], ConversationFigures>();
  for (const c of conversations) {
    const [first, second] = c.turns;
    const f = figures.get(c.kind) ?? {
      kind: c.kind,
      conversations: 0,
      inConversation: 0,
      alone: 0,
      typedAlone: 0,
      firstTurnsUnchanged: 0,
    };
    figures.set(c.kind, f);
    f.conversations++;
    const opening = await followUp(first.question, []);
    const alone = await ask(first.question);
    if (
      JSON.stringify(renderAnswerJson(opening.answer)) === JSON.stringify(renderAnswerJson(alone))
    )
      f.firstTurnsUnchanged++;
    const next = await followUp(second.question, [opening.turn]);
    f.inConversation += correct(next.answer, second.answers);
    f.alone += correct(await ask(second.writtenOut), second.answers);
    f.typedAlone += correct(await ask(second.question), second.answers);
  }
  return [...figures.values()];
}
