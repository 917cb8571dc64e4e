import path from 'node:path';

/**
 * Collections: every article belongs to the operator's shared collection or to one server.
 * A server's articles live under `servers/<guildId>/` in the articles folder, so the folder
 * stays the one source of truth and an article's collection is read from its id.
 */
export const SERVERS_FOLDER = 'servers';

/** A server id as a folder name: Discord's snowflakes, or any short id a script uses. */
const SERVER_ID = /^[\w-]{1,64}$/;

/** Whose articles a request may read. */
export type Viewer =
  /** The operator (console, the JSON CLI without `--guild`): every collection. */
  | { all: true }
  /** A server: the shared collection and its own. */
  | { guildId: string }
  /** A direct message: the shared collection only. */
  | { guildId: null };

/** The operator's view: every article. */
export const OPERATOR: Viewer = { all: true };

/** Whether `id` can name a server's folder. */
export function isServerId(id: string): boolean {
  return SERVER_ID.test(id);
}

/** The server an article belongs to, from its id; undefined for the shared collection. */
export function collectionOf(articleId: string): string | undefined {
  if (!articleId.startsWith(`${SERVERS_FOLDER}/`)) return undefined;
  const id = articleId.slice(SERVERS_FOLDER.length + 1).split('/')[0] ?? '';
  return isServerId(id) ? id : undefined;
}

/** Whether a viewer may read the article with this id. */
export function canSee(viewer: Viewer | undefined, articleId: string): boolean {
  return visibleTo(viewer)(articleId);
}

const SERVERS_PREFIX = `${SERVERS_FOLDER}/`;

/**
 * {@link canSee} for one viewer, made once and called per article or passage: a search may
 * ask it for thousands of passages, so the common cases are two prefix comparisons.
 */
export function visibleTo(viewer: Viewer | undefined): (articleId: string) => boolean {
  if (!viewer || 'all' in viewer) return () => true;
  const own = viewer.guildId === null ? undefined : `${SERVERS_PREFIX}${viewer.guildId}/`;
  return (articleId) =>
    !articleId.startsWith(SERVERS_PREFIX) ||
    (own !== undefined && articleId.startsWith(own)) ||
    collectionOf(articleId) === undefined;
}

/** The viewer of a request made in a server (its id) or in a DM (null). */
export function viewerIn(guildId: string | null): Viewer {
  return { guildId };
}

/** Where a server's own articles are kept, inside the articles folder. */
export function serverFolder(articlesDir: string, guildId: string): string {
  if (!isServerId(guildId)) throw new Error(`not a server id: ${guildId}`);
  return path.join(articlesDir, SERVERS_FOLDER, guildId);
}
