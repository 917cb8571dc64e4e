import type { Interaction } from 'discord.js';
import { canSee, type Viewer, viewerIn } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';
import type { BotContext } from './commandTypes.js';

/** Who is asking, as collections see it: the server the request came from, or a DM. */
export function viewerOf(source: Pick<Interaction, 'guildId'>): Viewer {
  return viewerIn(source.guildId ?? null);
}

/**
 * The articles a request may name, list and suggest: the shared collection and its own
 * server's, or the shared one alone in a DM. Another server's are never offered or found.
 */
export function visibleArticles(
  context: BotContext,
  source: Pick<Interaction, 'guildId'>,
): Article[] {
  const viewer = viewerOf(source);
  return context.index().corpus.articles.filter((article) => canSee(viewer, article.id));
}
