import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  SlashCommandBuilder,
} from 'discord.js';
import { digestArticles } from '../src/answer/digestArticles.js';
import { selectArticles } from '../src/answer/selectArticles.js';
import { type SummaryLength, summarizeArticle } from '../src/answer/summarizeArticle.js';
import {
  articleOption,
  autocompleteArticles,
  resolveArticleOption,
  unknownArticleMessage,
} from '../src/discord/articleOption.js';
import { visibleArticles } from '../src/discord/collectionView.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import {
  addDateRangeOptions,
  pageRangeOf,
  readPageRange,
} from '../src/discord/dateRangeOptions.js';
import { renderDigestPage, renderSummaryEmbed } from '../src/discord/renderSummaryEmbed.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';

/**
 * `/summary [article] [length] [from] [to]` — one article in a few of its own sentences, or a
 * digest of all (newest first, optionally only those published between `from` and `to`).
 */
export const data = addDateRangeOptions(
  new SlashCommandBuilder()
    .setName('summary')
    .setDescription('Summarise an article in its own words, or list all articles')
    .addStringOption((option) => articleOption(option, false))
    .addStringOption((option) =>
      option
        .setName('length')
        .setDescription('How long the summary should be')
        .addChoices(
          { name: 'short', value: 'short' },
          { name: 'medium', value: 'medium' },
          { name: 'long', value: 'long' },
        ),
    ),
);

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  const index = context.index();
  const articles = visibleArticles(context, interaction);
  const wanted = interaction.options.getString('article');
  const length = (interaction.options.getString('length') ?? 'medium') as SummaryLength;

  const from = interaction.options.getString('from');
  const to = interaction.options.getString('to');
  if (!wanted && (articles.length !== 1 || from || to)) {
    await replyWithDigest(interaction, context, 1, interaction.user.id, { from, to });
    return;
  }
  const resolved = wanted
    ? resolveArticleOption(articles, wanted)
    : { found: true as const, article: articles[0] };
  if (!resolved.found || !resolved.article) {
    const suggestions = resolved.found ? [] : resolved.suggestions;
    await replyPrivately(interaction, unknownArticleMessage(wanted ?? '', suggestions));
    return;
  }
  const summary = summarizeArticle(index, resolved.article, { length });
  await interaction.reply({
    ...renderSummaryEmbed(summary, resolved.article.metadata.url),
    allowedMentions: NO_MENTIONS,
  });
}

export const autocomplete = autocompleteArticles;

/** Previous/Next on the digest; only the person who asked may turn its pages. */
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
      'Only the person who asked can turn these pages. Run /summary to get your own list.',
    );
    return;
  }
  await replyWithDigest(interaction, context, Number(page), owner, readPageRange(range));
}

/** The digest page, newest first, kept to the dates asked for; a new reply or a page turn. */
async function replyWithDigest(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  context: BotContext,
  page: number,
  owner: string,
  dates: { from?: string | null; to?: string | null },
): Promise<void> {
  const selected = selectArticles(visibleArticles(context, interaction), dates.from, dates.to);
  if (!selected.ok) {
    await replyPrivately(interaction, selected.message);
    return;
  }
  const reply = {
    ...renderDigestPage(
      digestArticles(selected.articles),
      page,
      owner,
      pageRangeOf(dates, selected.scope),
    ),
    allowedMentions: NO_MENTIONS,
  };
  if (interaction.isButton()) await interaction.update(reply);
  else await interaction.reply(reply);
}
