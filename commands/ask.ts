import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  MessageFlags,
  SlashCommandBuilder,
} from 'discord.js';
import type { AskProgress } from '../src/answer/Ask.js';
import { findArticleByKey } from '../src/discord/articleKey.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import { recordPoorAnswer, recordVote } from '../src/discord/recordFeedback.js';
import {
  renderAnswerEmbed,
  renderPassageEmbed,
  renderProgressEmbed,
} from '../src/discord/renderAnswerEmbed.js';
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

/** Progress edits at most this often: Discord publishes no fixed limit for edits. */
const EDIT_EVERY_MS = 1000;

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  const question = interaction.options.getString('question', true);
  const started = performance.now();
  // A model takes seconds, past Discord's three for a first reply: defer, then show progress.
  const progress = context.model ? await showProgress(interaction, question) : undefined;
  const answer = await context.ask(question, {
    userId: interaction.user.id,
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    ...(progress ? { stream: true, onProgress: progress.update } : {}),
  });
  await progress?.done();
  context.metrics?.recordAnswer(
    !answer.found ? 'not_found' : answer.hedged ? 'hedged' : 'answered',
    (performance.now() - started) / 1000,
  );
  const reply = { ...renderAnswerEmbed(answer), allowedMentions: NO_MENTIONS };
  if (progress) await interaction.editReply(reply);
  else await interaction.reply(reply);
  recordPoorAnswer(interaction, context, answer);
}

/**
 * Defers the reply, then edits it as the model's answer is read: "Reading 8 passages from 5
 * articles…", then each checked sentence, at most once a second. Edits go one at a time, so
 * the final answer never lands before a late progress edit.
 */
async function showProgress(interaction: ChatInputCommandInteraction, question: string) {
  await interaction.deferReply();
  let chain: Promise<unknown> = Promise.resolve();
  let lastEdit = 0;
  let pending: AskProgress | undefined;
  let timer: NodeJS.Timeout | undefined;
  const send = () => {
    timer = undefined;
    const next = pending;
    pending = undefined;
    if (!next) return;
    lastEdit = Date.now();
    chain = chain
      .then(() =>
        interaction.editReply({
          embeds: [renderProgressEmbed(question, next)],
          allowedMentions: NO_MENTIONS,
        }),
      )
      .catch(() => undefined);
  };
  return {
    update(step: AskProgress) {
      pending = step;
      if (timer) return;
      timer = setTimeout(send, Math.max(0, lastEdit + EDIT_EVERY_MS - Date.now()));
    },
    async done() {
      clearTimeout(timer);
      pending = undefined;
      await chain;
    },
  };
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
 * 👍/👎: the reader's vote on the answer, kept with who wrote it (quoted or model) for the
 * server's admins (/stats).
 */
export async function button(
  interaction: ButtonInteraction,
  context: BotContext,
  args: string[],
): Promise<void> {
  const [action, key = '', number = ''] = args;
  if (action === 'vote' && (key === 'up' || key === 'down')) {
    const outcome = recordVote(interaction, context, key, number === 'llm' ? 'llm' : 'extractive');
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
