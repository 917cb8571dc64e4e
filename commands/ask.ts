import {
  ActionRowBuilder,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
  MessageFlags,
  ModalBuilder,
  type ModalSubmitInteraction,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import type { AskProgress } from '../src/answer/Ask.js';
import { viewerOf } from '../src/discord/collectionView.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import {
  askInConversation,
  MAX_QUESTION_LENGTH,
  partsOf,
  recordAnswer,
  remember,
  turnsBefore,
} from '../src/discord/converse.js';
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
      .setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addBooleanOption((option) =>
    option
      .setName('thread')
      .setDescription('Open a thread on the answer, where follow-up questions continue it'),
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
  const { answer, turns } = await askInConversation(context, question, [], {
    userId: interaction.user.id,
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    viewer: viewerOf(interaction),
    ...(progress ? { stream: true, onProgress: progress.update } : {}),
  });
  await progress?.done();
  recordAnswer(context, answer, started);
  const reply = { ...renderAnswerEmbed(answer), allowedMentions: NO_MENTIONS };
  const message = progress
    ? await interaction.editReply(reply)
    : (await interaction.reply({ ...reply, withResponse: true })).resource?.message;
  const thread =
    interaction.options.getBoolean('thread') && message
      ? await openThread(message, question, context)
      : undefined;
  remember(context, [message?.id, thread], turns);
  await recordPoorAnswer(interaction, context, answer);
}

/**
 * A public thread on the answer, named after the question, where mentions and replies continue
 * the conversation. Its id, or undefined when it could not be opened (no permission, a DM):
 * the answer stands either way.
 */
async function openThread(
  message: Message,
  question: string,
  context: BotContext,
): Promise<string | undefined> {
  try {
    const thread = await message.startThread({
      name: question.replace(/\s+/g, ' ').trim().slice(0, 100) || 'Follow-up questions',
      autoArchiveDuration: 1440,
    });
    return thread.id;
  } catch (error) {
    context.logger.warn({ err: error }, 'could not open a thread on an answer');
    return undefined;
  }
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
  if (action === 'follow') {
    await interaction.showModal(followUpBox(interaction.message.id));
    return;
  }
  if (action === 'about') {
    // A delivered post's "Ask about this": the question prefers that article.
    await interaction.showModal(questionBox(`ask:aboutq:${key}`, 'Ask about this'));
    return;
  }
  if (action === 'vote' && (key === 'up' || key === 'down')) {
    const outcome = await recordVote(
      interaction,
      context,
      key,
      number === 'llm' ? 'llm' : 'extractive',
    );
    await replyPrivately(interaction, VOTE_REPLIES[outcome === 'recorded' ? key : outcome]);
    return;
  }
  const article =
    action === 'passage'
      ? await context.archive.articles.byKey(key, viewerOf(interaction))
      : undefined;
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

/** The box "Follow up" opens: one line for a question that continues the answer. */
function followUpBox(answerMessageId: string): ModalBuilder {
  return questionBox(`ask:followup:${answerMessageId}`, 'Follow up');
}

/** A box with one line for a question. */
function questionBox(customId: string, title: string): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle(title)
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder()
          .setCustomId('question')
          .setLabel('Your question')
          .setPlaceholder('and how many were injured?')
          .setStyle(TextInputStyle.Short)
          .setRequired(true)
          .setMaxLength(MAX_QUESTION_LENGTH),
      ),
    );
}

/**
 * A follow-up sent from the "Follow up" box: answered with the conversation of the answer it
 * was opened on (kept in memory, or read back from that message after a restart), and posted
 * in the channel for everyone, as the first answer was.
 */
export async function modal(
  interaction: ModalSubmitInteraction,
  context: BotContext,
  args: string[],
): Promise<void> {
  const [action, answerMessageId] = args;
  if (action !== 'followup' && action !== 'aboutq') return;
  const question = interaction.fields.getTextInputValue('question').trim();
  if (!question) {
    await replyPrivately(interaction, 'Type a question to ask.');
    return;
  }
  if (action === 'aboutq') {
    await answerAbout(interaction, context, question, answerMessageId ?? '');
    return;
  }
  const started = performance.now();
  const before = await turnsBefore(
    context,
    {
      ...(answerMessageId ? { key: answerMessageId } : {}),
      ...(interaction.message ? { message: partsOf(interaction.message) } : {}),
    },
    viewerOf(interaction),
  );
  const { answer, turns } = await askInConversation(context, question, before, {
    userId: interaction.user.id,
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    viewer: viewerOf(interaction),
  });
  recordAnswer(context, answer, started);
  const response = await interaction.reply({
    ...renderAnswerEmbed(answer),
    allowedMentions: NO_MENTIONS,
    withResponse: true,
  });
  const thread = interaction.channel?.isThread() ? interaction.channel.id : undefined;
  remember(context, [response.resource?.message?.id, thread], turns);
}

/**
 * A question from a delivered post's "Ask about this" box: answered from every article the
 * asker can read, that post's article first (none, for a briefing's box), in the channel.
 */
async function answerAbout(
  interaction: ModalSubmitInteraction,
  context: BotContext,
  question: string,
  key: string,
): Promise<void> {
  const started = performance.now();
  const article = key
    ? await context.archive.articles.byKey(key, viewerOf(interaction))
    : undefined;
  const { answer, turns } = await askInConversation(context, question, [], {
    userId: interaction.user.id,
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    viewer: viewerOf(interaction),
    ...(article ? { preferArticles: [article.id] } : {}),
  });
  recordAnswer(context, answer, started);
  const response = await interaction.reply({
    ...renderAnswerEmbed(answer),
    allowedMentions: NO_MENTIONS,
    withResponse: true,
  });
  remember(context, [response.resource?.message?.id], turns);
}
