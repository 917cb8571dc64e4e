import {
  AttachmentBuilder,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  SlashCommandBuilder,
} from 'discord.js';
import { pageSource } from '../src/answer/pageSource.js';
import {
  articleOption,
  autocompleteArticles,
  resolveArticleOption,
  unknownArticleMessage,
} from '../src/discord/articleOption.js';
import { viewerOf } from '../src/discord/collectionView.js';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes.js';
import {
  renderSourcePage,
  SOURCE_PAGE_CHARS,
  sourceFileName,
} from '../src/discord/renderSourcePage.js';
import { replyPrivately } from '../src/discord/replyPrivately.js';

/** `/source article:` — the article as written, a page per embed, and the whole text as a file. */
export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription('Show an article as written, page by page')
  .addStringOption((option) => articleOption(option, true));

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  const wanted = interaction.options.getString('article', true);
  const resolved = await resolveArticleOption(
    context.archive.articles,
    viewerOf(interaction),
    wanted,
  );
  if (!resolved.found) {
    await replyPrivately(interaction, unknownArticleMessage(wanted, resolved.suggestions));
    return;
  }
  // The text file upload can take a while on a slow link, so acknowledge first.
  await interaction.deferReply();
  const { article } = resolved;
  const pages = pageSource(article, SOURCE_PAGE_CHARS);
  const file = new AttachmentBuilder(Buffer.from(article.text, 'utf8'), {
    name: sourceFileName(article),
  });
  await interaction.editReply({
    ...renderSourcePage(article, pages, 1, interaction.user.id),
    files: [file],
    allowedMentions: NO_MENTIONS,
  });
}

export const autocomplete = autocompleteArticles;

/** Previous/Next; only the person who asked may turn the pages. */
export async function button(
  interaction: ButtonInteraction,
  context: BotContext,
  args: string[],
): Promise<void> {
  const [action, key = '', page = '1', owner = ''] = args;
  if (action !== 'page') return;
  if (interaction.user.id !== owner) {
    await replyPrivately(
      interaction,
      'Only the person who asked can turn these pages. Run /source to open your own copy.',
    );
    return;
  }
  const article = await context.archive.articles.byKey(key, viewerOf(interaction));
  if (!article) {
    await replyPrivately(interaction, 'That article is no longer loaded.');
    return;
  }
  await interaction.update({
    ...renderSourcePage(article, pageSource(article, SOURCE_PAGE_CHARS), Number(page), owner),
    allowedMentions: NO_MENTIONS,
  });
}
