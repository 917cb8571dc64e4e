import { type Viewer, viewerIn, visibleTo } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';
import type { BotContext } from './commandTypes.js';

/** Who is asking, as collections see it: the server the request came from, or a DM. */
export function viewerOf(source: { guildId: string | null }): Viewer {
  return viewerIn(source.guildId ?? null);
}

/**
 * The articles a request may name, list and suggest: the shared collection and its own
 * server's, or the shared one alone in a DM. Another server's are never offered or found.
 */
export function visibleArticles(
  context: BotContext,
  source: { guildId: string | null },
): Article[] {
  const canRead = visibleTo(viewerOf(source));
  return context.index().corpus.articles.filter((article) => canRead(article.id));
}
