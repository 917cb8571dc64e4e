import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  SlashCommandBuilder,
} from 'discord.js';
import { digestArticles } from '../src/answer/digestArticles.js';
import type { SummaryLength } from '../src/answer/summarizeArticle.js';
import {
  articleOption,
  autocompleteArticles,
  resolveArticleOption,
  unknownArticleMessage,
} from '../src/discord/articleOption.js';
import { viewerOf } from '../src/discord/collectionView.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import {
  addDateRangeOptions,
  pageRangeOf,
  readPageRange,
} from '../src/discord/dateRangeOptions.js';
import { readListPage } from '../src/discord/readListPage.js';
import {
  DIGEST_PAGE_SIZE,
  renderDigestPage,
  renderSummaryEmbed,
} from '../src/discord/renderSummaryEmbed.js';
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
  const store = context.archive.articles;
  const viewer = viewerOf(interaction);
  const wanted = interaction.options.getString('article');
  const length = (interaction.options.getString('length') ?? 'medium') as SummaryLength;

  const from = interaction.options.getString('from');
  const to = interaction.options.getString('to');
  // Without an article, the one there is, or else the digest of them all.
  const only = wanted || from || to ? undefined : await store.page(viewer, {}, 0, 2);
  if (!wanted && (!only?.ok || only.total !== 1)) {
    await replyWithDigest(interaction, context, 1, interaction.user.id, { from, to });
    return;
  }
  const resolved = wanted
    ? await resolveArticleOption(store, viewer, wanted)
    : { found: true as const, article: only?.ok ? only.articles[0] : undefined };
  if (!resolved.found || !resolved.article) {
    const suggestions = resolved.found ? [] : resolved.suggestions;
    await replyPrivately(interaction, unknownArticleMessage(wanted ?? '', suggestions));
    return;
  }
  const summary = await store.summarize(resolved.article, length);
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
  const read = await readListPage(
    context.archive.articles,
    viewerOf(interaction),
    dates,
    page,
    DIGEST_PAGE_SIZE,
  );
  if (!read.ok) {
    await replyPrivately(interaction, read.message);
    return;
  }
  const reply = {
    ...renderDigestPage(
      digestArticles(read.list.articles),
      read.list,
      owner,
      pageRangeOf(dates, read.list.scope),
    ),
    allowedMentions: NO_MENTIONS,
  };
  if (interaction.isButton()) await interaction.update(reply);
  else await interaction.reply(reply);
}
