import type { Message } from 'discord.js';
import type { AskRequest } from '../answer/Ask.js';
import type { Answer } from '../answer/types.js';
import { addTurn, askFollowUp } from '../conversation/askFollowUp.js';
import type { Turn } from '../conversation/types.js';
import { OPERATOR, type Viewer } from '../corpus/collections.js';
import type { BotContext } from './commandTypes.js';
import { type AnswerMessageParts, readAnswerMessage } from './readAnswerMessage.js';

/** The longest question taken: in `/ask`, the "Follow up" box and a message to the bot. */
export const MAX_QUESTION_LENGTH = 300;

/** Counts and times one answer for the metrics, however it was asked. */
export function recordAnswer(context: BotContext, answer: Answer, started: number): void {
  context.metrics?.recordAnswer(
    !answer.found ? 'not_found' : answer.hedged ? 'hedged' : 'answered',
    (performance.now() - started) / 1000,
  );
}

/**
 * The turns before a question: those kept under `key` (an answer message, a thread, a DM
 * channel), else read back from the answer message it follows, else none.
 */
export async function turnsBefore(
  context: BotContext,
  from: { key?: string; message?: AnswerMessageParts },
  viewer: Viewer,
): Promise<Turn[]> {
  const kept = from.key ? context.conversations?.get(from.key) : undefined;
  if (kept) return kept;
  const turn = from.message
    ? await readAnswerMessage(context.archive, viewer, from.message)
    : undefined;
  return turn ? [turn] : [];
}

/** Answers `question` after `before`, and returns the conversation with it added. */
export async function askInConversation(
  context: BotContext,
  question: string,
  before: readonly Turn[],
  request: AskRequest,
): Promise<{ answer: Answer; turns: Turn[] }> {
  const followUpIndex = context.archive.followUpIndex(request.viewer ?? OPERATOR);
  const { answer, turn } = await askFollowUp(context.ask, followUpIndex, context.rewrite)(
    question,
    before,
    request,
  );
  return { answer, turns: addTurn(before, turn) };
}

/** Keeps a conversation under the ids that continue it: its newest answer, its thread. */
export function remember(
  context: BotContext,
  keys: readonly (string | undefined)[],
  turns: Turn[],
) {
  const present = keys.filter((key): key is string => key !== undefined);
  if (present.length > 0) context.conversations?.set(present, turns);
}

/** The parts of a Discord message that an answer's conversation is read back from. */
export function partsOf(message: Pick<Message, 'embeds' | 'components'>): AnswerMessageParts {
  const embed = message.embeds[0];
  const customIds: string[] = [];
  for (const row of message.components) {
    if (!('components' in row)) continue;
    for (const component of row.components)
      if ('customId' in component && typeof component.customId === 'string')
        customIds.push(component.customId);
  }
  return { title: embed?.title ?? null, description: embed?.description ?? null, customIds };
}
