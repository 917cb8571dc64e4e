import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { collectionOf, serverFolder } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';

/** What removing an article did. */
export type RemoveResult = { ok: true; title: string } | { ok: false; reason: string };

/**
 * Deletes one of a server's own articles from the articles folder; the live index drops it
 * within seconds. Shared articles, and other servers', cannot be removed this way: the file
 * must lie inside the server's own folder, whatever its id says.
 */
export async function removeFromCollection(
  article: Article,
  guildId: string,
  seedsDir: string,
): Promise<RemoveResult> {
  if (collectionOf(article.id) !== guildId)
    return {
      ok: false,
      reason: "it is one of the shared articles, which only the bot's operator can remove",
    };
  const own = serverFolder(seedsDir, guildId);
  const file = path.resolve(seedsDir, article.path);
  if (!file.startsWith(`${path.resolve(own)}${path.sep}`))
    return { ok: false, reason: "it is not in this server's articles" };
  try {
    await stat(file);
    await rm(file);
    return { ok: true, title: article.title };
  } catch {
    return { ok: false, reason: 'its file could not be removed (it may be gone already)' };
  }
}
