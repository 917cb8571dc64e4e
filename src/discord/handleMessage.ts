import { randomBytes } from 'node:crypto';
import type { Message, MessageReplyOptions } from 'discord.js';
import { viewerOf } from './collectionView.js';
import { type BotContext, NO_MENTIONS } from './commandTypes.js';
import {
  askInConversation,
  MAX_QUESTION_LENGTH,
  partsOf,
  recordAnswer,
  remember,
  turnsBefore,
} from './converse.js';
import type { CooldownResult } from './cooldown.js';
import { renderAnswerEmbed } from './renderAnswerEmbed.js';

/** What a mention with no question gets. */
export const MENTION_HELP =
  'Ask me about the news: mention me with a question, for example "@newsdesk who won the final?", or use /ask.';

/** What the message handler needs. */
export interface MessageDeps {
  context: BotContext;
  /** The bot's own user id, to tell a mention of it and a reply to it. */
  botUserId: string;
  cooldown: (userId: string) => CooldownResult;
}

/**
 * Answers a message that asks the bot something, as a reply to it, with the same answer,
 * citations and buttons as `/ask`: a message that mentions the bot, a reply to one of its
 * answers (Discord shows the bot its text when the reply pings it), and any message in a DM.
 * A follow-up continues the conversation of the answer it replies to, of its thread or of
 * the DM. Other bots are never answered, so two bots cannot talk in a loop; a message whose
 * text Discord withheld is left alone. Never throws: one message must not stop the bot.
 */
export async function handleMessage(message: Message, deps: MessageDeps): Promise<void> {
  const { context, botUserId } = deps;
  if (message.author.bot || message.system || message.webhookId) return;
  const inDm = message.guildId === null;
  const mentioned = message.mentions.users.has(botUserId);
  const repliesToBot = message.mentions.repliedUser?.id === botUserId;
  if (!inDm && !mentioned && !repliesToBot) return;

  const question = message.content
    .replace(new RegExp(`<@!?${botUserId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
  try {
    if (!question) {
      // Discord sends a reply with its ping turned off, and other messages it withholds from a
      // bot without the message-content intent, with empty text: only a mention says "help".
      if (mentioned || inDm) await send(message, { content: MENTION_HELP });
      return;
    }
    // Over the cooldown, messages are let go quietly: a note per message would be a flood of
    // its own, and whoever floods a channel is not waiting for one.
    if (!deps.cooldown(message.author.id).ok) {
      context.logger.info({ user: message.author.id, what: 'message' }, 'cooldown');
      return;
    }
    if (question.length > MAX_QUESTION_LENGTH) {
      await send(message, {
        content: `That's a long question. Please ask it in under ${MAX_QUESTION_LENGTH} characters.`,
      });
      return;
    }
    const started = performance.now();
    const before = await conversationBefore(message, context, botUserId);
    const { answer, turns } = await askInConversation(context, question, before, {
      userId: message.author.id,
      ...(message.guildId ? { guildId: message.guildId } : {}),
      viewer: viewerOf(message),
    });
    recordAnswer(context, answer, started);
    const sent = await send(message, renderAnswerEmbed(answer));
    const place = message.channel.isThread() || inDm ? message.channelId : undefined;
    remember(context, [sent?.id, place], turns);
  } catch (error) {
    const errorId = randomBytes(4).toString('hex');
    context.logger.error({ err: error, errorId, what: 'message' }, 'message handler failed');
  }
}

/**
 * The conversation a message continues: the answer it replies to (kept, or read back from that
 * message), else its thread's or its DM's, else none.
 */
async function conversationBefore(message: Message, context: BotContext, botUserId: string) {
  const repliedTo = message.reference?.messageId;
  if (repliedTo) {
    const viewer = viewerOf(message);
    const kept = await turnsBefore(context, { key: repliedTo }, viewer);
    if (kept.length > 0) return kept;
    const original = await message.fetchReference().catch(() => undefined);
    if (original?.author.id === botUserId)
      return turnsBefore(context, { message: partsOf(original) }, viewer);
    return [];
  }
  const inPlace = message.channel.isThread() || message.guildId === null;
  return inPlace ? turnsBefore(context, { key: message.channelId }, viewerOf(message)) : [];
}

/**
 * Replies to the message, mentioning no one. A channel the bot may not write in, or a message
 * deleted meanwhile, is logged and left: there is nowhere to say it.
 */
async function send(
  message: Message,
  reply: Omit<MessageReplyOptions, 'allowedMentions'>,
): Promise<Message | undefined> {
  try {
    // A question deleted meanwhile still gets its answer, posted without the reply link.
    return await message.reply({ ...reply, allowedMentions: NO_MENTIONS, failIfNotExists: false });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // Missing access or permissions, unknown channel or message: nothing to tell anyone.
    if (code === 50001 || code === 50013 || code === 10003 || code === 10008) return undefined;
    throw error;
  }
}
