import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  SlashCommandBuilder,
} from 'discord.js';
import { selectArticles } from '../src/answer/selectArticles';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes';
import { addDateRangeOptions, readPageRange } from '../src/discord/dateRangeOptions';
import { renderArticleListPage } from '../src/discord/renderArticleListPage';
import { replyPrivately } from '../src/discord/replyPrivately';

/** `/articles [from] [to]` — the articles, newest first, optionally only those of some days. */
export const data = addDateRangeOptions(
  new SlashCommandBuilder().setName('articles').setDescription('List the articles, newest first'),
);

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  const from = interaction.options.getString('from');
  const to = interaction.options.getString('to');
  const selected = selectArticles(context.index().corpus.articles, from, to);
  if (!selected.ok) {
    await replyPrivately(interaction, selected.message);
    return;
  }
  await interaction.reply({
    ...renderArticleListPage(selected.articles, 1, interaction.user.id, {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(selected.scope ? { label: selected.scope } : {}),
    }),
    allowedMentions: NO_MENTIONS,
  });
}

/** Previous/Next; only the person who asked may turn the pages. */
export async function button(
  interaction: ButtonInteraction,
  context: BotContext,
  args: string[],
): Promise<void> {
  const [action, page = '1', owner = '', ...range] = args;
  if (action !== 'page') return;
  if (interaction.user.id !== owner) {
    await replyPrivately(
      interaction,
      'Only the person who asked can turn these pages. Run /articles to get your own list.',
    );
    return;
  }
  const { from, to } = readPageRange(range);
  const selected = selectArticles(context.index().corpus.articles, from, to);
  if (!selected.ok) {
    await replyPrivately(interaction, selected.message);
    return;
  }
  await interaction.update({
    ...renderArticleListPage(selected.articles, Number(page), owner, {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(selected.scope ? { label: selected.scope } : {}),
    }),
    allowedMentions: NO_MENTIONS,
  });
}
