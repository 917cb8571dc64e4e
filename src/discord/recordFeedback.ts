import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { Answer } from '../answer/types.js';
import { viewerOf } from './collectionView.js';
import type { BotContext } from './commandTypes.js';
import { unescapeText } from './formatText.js';

/**
 * Keeps a question the articles did not answer well ("not found" or low confidence), so an
 * admin can see what the server is missing. A failure to write is logged, never shown: the
 * reader already has the answer.
 */
export async function recordPoorAnswer(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
  answer: Answer,
): Promise<void> {
  const { feedback } = context;
  if (!feedback || answer.reason === 'empty-question') return;
  if (answer.found && answer.confidenceLevel !== 'low') return;
  try {
    await feedback.append({
      kind: answer.found ? 'low-confidence' : 'unanswered',
      composer: answer.composer ?? 'extractive',
      question: answer.question,
      answer: answer.text,
      citations: answer.citations.map((c) => ({ articleId: c.articleId, passage: c.passage })),
      time: new Date().toISOString(),
      guildId: interaction.guildId,
      userHash: feedback.hashUser(interaction.user.id),
    });
  } catch (error) {
    context.logger.error({ err: error }, 'could not keep feedback');
  }
}

/** What happened to a vote, for the reply to the voter. */
export type VoteOutcome = 'recorded' | 'already-voted' | 'not-kept';

/**
 * Keeps a 👍/👎 on an answer. What was voted on is read from the answer message itself (its
 * title is the question, its text the answer, its buttons the cited paragraphs), so a vote on
 * an answer given before a restart still counts. One vote per person per answer.
 */
export async function recordVote(
  interaction: ButtonInteraction,
  context: BotContext,
  vote: 'up' | 'down',
  composer: 'llm' | 'extractive' = 'extractive',
): Promise<VoteOutcome> {
  const { feedback } = context;
  if (!feedback) return 'not-kept';
  const userHash = feedback.hashUser(interaction.user.id);
  const messageId = interaction.message.id;
  if (await feedback.hasVoted(messageId, userHash)) return 'already-voted';
  const embed = interaction.message.embeds[0];
  const buttonIds: string[] = [];
  for (const row of interaction.message.components.map((c) => c.toJSON())) {
    if (!('components' in row)) continue;
    for (const component of row.components as { custom_id?: unknown }[])
      if (typeof component.custom_id === 'string') buttonIds.push(component.custom_id);
  }
  const viewer = viewerOf(interaction);
  const citations = await Promise.all(
    buttonIds
      .filter((id) => id.startsWith('ask:passage:'))
      .map(async (id) => {
        const [, , key = '', passage = '0'] = id.split(':');
        // With the database away the vote is still kept, its citation by key alone.
        const article = await context.archive.articles.byKey(key, viewer).catch(() => undefined);
        return { articleId: article?.id ?? `key:${key}`, passage: Number(passage) };
      }),
  );
  try {
    await feedback.append({
      kind: 'vote',
      vote,
      composer,
      question: unescapeText(embed?.title ?? ''),
      answer: unescapeText(embed?.description ?? ''),
      citations,
      time: new Date().toISOString(),
      guildId: interaction.guildId,
      userHash,
      messageId,
    });
    return 'recorded';
  } catch (error) {
    context.logger.error({ err: error }, 'could not keep a vote');
    return 'not-kept';
  }
}
