import { randomBytes } from 'node:crypto';
import type { Interaction } from 'discord.js';
import { isArchiveUnavailable } from '../store/archiveUnavailable.js';
import type { BotCommand, BotContext } from './commandTypes.js';
import type { CooldownResult } from './cooldown.js';
import { replyPrivately } from './replyPrivately.js';

/**
 * Discord's answers for an interaction that can no longer be answered: unknown interaction
 * (its 3 seconds passed or its token expired), already acknowledged, unknown webhook.
 */
const EXPIRED = new Set([10062, 40060, 10015]);

/** What the interaction handler needs. */
export interface InteractionDeps {
  commands: ReadonlyMap<string, BotCommand>;
  context: BotContext;
  /** Whether this person may run a command now. */
  cooldown: (userId: string) => CooldownResult;
}

/**
 * Routes one interaction to its command's handler, autocomplete or button. A person over the
 * cooldown gets a polite note; a handler that fails gets the person a short message with an
 * error id, and the full error is logged with the same id. Never throws: one bad request
 * must not stop the bot.
 */
export async function handleInteraction(
  interaction: Interaction,
  deps: InteractionDeps,
): Promise<void> {
  const { commands, context, cooldown } = deps;
  const started = Date.now();
  let what = 'interaction';
  try {
    if (interaction.isAutocomplete()) {
      what = `/${interaction.commandName} autocomplete`;
      const command = commands.get(interaction.commandName);
      await (command?.autocomplete
        ? command.autocomplete(interaction, context)
        : interaction.respond([]));
      return;
    }
    if (
      !interaction.isChatInputCommand() &&
      !interaction.isButton() &&
      !interaction.isModalSubmit()
    )
      return;

    const [name = '', ...args] = interaction.isChatInputCommand()
      ? [interaction.commandName]
      : interaction.customId.split(':');
    what = interaction.isChatInputCommand()
      ? `/${name}`
      : `${interaction.isButton() ? 'button' : 'form'} ${name}:${args[0] ?? ''}`;
    const command = commands.get(name);
    if (!command) {
      await replyPrivately(interaction, "I don't know that command any more. Try /help.");
      return;
    }
    const allowed = cooldown(interaction.user.id);
    if (!allowed.ok) {
      const seconds = Math.max(1, Math.ceil(allowed.retryAfterMs / 1000));
      await replyPrivately(
        interaction,
        `You're asking faster than I can keep up. Please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
      );
      context.logger.info({ user: interaction.user.id, what }, 'cooldown');
      return;
    }
    if (interaction.isButton()) await command.button?.(interaction, context, args);
    else if (interaction.isModalSubmit()) await command.modal?.(interaction, context, args);
    else await command.execute(interaction, context);
    context.logger.debug({ what, ms: Date.now() - started }, 'handled');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number' && EXPIRED.has(code)) {
      context.logger.warn(
        { what, code, ms: Date.now() - started },
        'interaction expired or was already answered; nothing sent',
      );
      return;
    }
    const errorId = randomBytes(4).toString('hex');
    const away = isArchiveUnavailable(error);
    if (away) context.logger.warn({ err: error, errorId, what }, 'the database is not answering');
    else context.logger.error({ err: error, errorId, what }, 'handler failed');
    if (!interaction.isRepliable()) return;
    try {
      await replyPrivately(
        interaction,
        away
          ? "I can't reach the articles right now. Please try again in a few seconds."
          : `Sorry, something went wrong (error ${errorId}). Please try again in a moment.`,
      );
    } catch (replyError) {
      context.logger.error({ err: replyError, errorId }, 'could not tell the user about the error');
    }
  }
}
