import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  MessageFlags,
  SlashCommandBuilder,
} from 'discord.js';
import { answerQuestion } from '../src/answer/answerQuestion.js';
import { findArticleByKey } from '../src/discord/articleKey.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import { recordPoorAnswer, recordVote } from '../src/discord/recordFeedback.js';
import { renderAnswerEmbed, renderPassageEmbed } from '../src/discord/renderAnswerEmbed.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';

/** `/ask question:` — quotes the sentences that answer it, with numbered sources. */
export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the news articles; I quote the answer with its sources')
  .addStringOption((option) =>
    option
      .setName('question')
      .setDescription('Your question, in plain words')
      .setRequired(true)
      .setMaxLength(300),
  );

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  const question = interaction.options.getString('question', true);
  const started = performance.now();
  const answer = answerQuestion(context.index(), question);
  context.metrics?.recordAnswer(
    !answer.found ? 'not_found' : answer.hedged ? 'hedged' : 'answered',
    (performance.now() - started) / 1000,
  );
  await interaction.reply({ ...renderAnswerEmbed(answer), allowedMentions: NO_MENTIONS });
  recordPoorAnswer(interaction, context, answer);
}

/** What a voter is told, privately. */
const VOTE_REPLIES = {
  up: 'Thanks, glad it helped.',
  down: "Thanks. I've noted that this answer missed, so the server's admins can see what the articles lack.",
  'already-voted': 'You have already rated this answer. Thanks!',
  'not-kept': "Thanks. I can't keep votes right now, but the answer is still here.",
} as const;

/**
 * "Show passage [n]": the whole cited paragraph, shown only to the person who pressed it.
 * 👍/👎: the reader's vote on the answer, kept for the server's admins (/stats).
 */
export async function button(
  interaction: ButtonInteraction,
  context: BotContext,
  args: string[],
): Promise<void> {
  const [action, key = '', number = ''] = args;
  if (action === 'vote' && (key === 'up' || key === 'down')) {
    const outcome = recordVote(interaction, context, key);
    await replyPrivately(interaction, VOTE_REPLIES[outcome === 'recorded' ? key : outcome]);
    return;
  }
  const article =
    action === 'passage' ? findArticleByKey(context.index().corpus.articles, key) : undefined;
  const paragraph = article?.paragraphs.find((p) => p.number === Number(number));
  if (!article || !paragraph) {
    await replyPrivately(
      interaction,
      'That article is no longer loaded, so I cannot show the passage. Ask again for a fresh answer.',
    );
    return;
  }
  await interaction.reply({
    embeds: [renderPassageEmbed(article, paragraph)],
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_MENTIONS,
  });
}
