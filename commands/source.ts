import {
  AttachmentBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  MessageFlags,
  SlashCommandBuilder,
} from 'discord.js';
import { pageSource } from '../src/answer/pageSource';
import { findArticleByKey } from '../src/discord/articleKey';
import {
  resolveArticleOption,
  suggestArticles,
  unknownArticleMessage,
} from '../src/discord/articleOption';
import { type BotContext, NO_MENTIONS } from '../src/discord/commandTypes';
import {
  renderSourcePage,
  SOURCE_PAGE_CHARS,
  sourceFileName,
} from '../src/discord/renderSourcePage';

/** `/source article:` — the article as written, a page per embed, and the whole text as a file. */
export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription('Show an article as written, page by page')
  .addStringOption((option) =>
    option
      .setName('article')
      .setDescription('The article (start typing a headline)')
      .setAutocomplete(true)
      .setRequired(true)
      .setMaxLength(100),
  );

export async function execute(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
): Promise<void> {
  const wanted = interaction.options.getString('article', true);
  const resolved = resolveArticleOption(context.index().corpus.articles, wanted);
  if (!resolved.found) {
    await interaction.reply({
      content: unknownArticleMessage(wanted, resolved.suggestions),
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
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

export async function autocomplete(
  interaction: AutocompleteInteraction,
  context: BotContext,
): Promise<void> {
  await interaction.respond(
    suggestArticles(context.index().corpus.articles, interaction.options.getFocused()),
  );
}

/** Previous/Next; only the person who asked may turn the pages. */
export async function button(
  interaction: ButtonInteraction,
  context: BotContext,
  args: string[],
): Promise<void> {
  const [action, key = '', page = '1', owner = ''] = args;
  if (action !== 'page') return;
  if (interaction.user.id !== owner) {
    await interaction.reply({
      content: 'Only the person who asked can turn these pages. Run /source to open your own copy.',
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  const article = findArticleByKey(context.index().corpus.articles, key);
  if (!article) {
    await interaction.reply({
      content: 'That article is no longer loaded.',
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
    return;
  }
  await interaction.update({
    ...renderSourcePage(article, pageSource(article, SOURCE_PAGE_CHARS), Number(page), owner),
    allowedMentions: NO_MENTIONS,
  });
}
