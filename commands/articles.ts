import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  SlashCommandBuilder,
} from 'discord.js';
import { viewerOf } from '../src/discord/collectionView.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import {
  addDateRangeOptions,
  pageRangeOf,
  readPageRange,
} from '../src/discord/dateRangeOptions.js';
import { readListPage } from '../src/discord/readListPage.js';
import {
  ARTICLE_LIST_PAGE_SIZE,
  renderArticleListPage,
} from '../src/discord/renderArticleListPage.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';

/** `/articles [from] [to]` — the articles, newest first, optionally only those of some days. */
export const data = addDateRangeOptions(
  new SlashCommandBuilder().setName('articles').setDescription('List the articles, newest first'),
);

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  await replyWithList(interaction, context, 1, interaction.user.id, {
    from: interaction.options.getString('from'),
    to: interaction.options.getString('to'),
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
  await replyWithList(interaction, context, Number(page), owner, readPageRange(range));
}

/** One page of the list, kept to the dates asked for; a new reply or a page turn. */
async function replyWithList(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  context: BotContext,
  page: number,
  owner: string,
  dates: { from?: string | null; to?: string | null },
): Promise<void> {
  const read = await readListPage(
    context.archive.articles,
    viewerOf(interaction),
    dates,
    page,
    ARTICLE_LIST_PAGE_SIZE,
  );
  if (!read.ok) {
    await replyPrivately(interaction, read.message);
    return;
  }
  const reply = {
    ...renderArticleListPage(
      read.list,
      owner,
      pageRangeOf(dates, read.list.scope),
      interaction.guildId,
    ),
    allowedMentions: NO_MENTIONS,
  };
  if (interaction.isButton()) await interaction.update(reply);
  else await interaction.reply(reply);
}
