import { SERVERS_FOLDER, type Viewer } from '../../corpus/collections.js';

/**
 * The SQL condition on an article's id for the collections a viewer reads (see
 * corpus/collections): `$1` is true when it reads them all; otherwise an id must be outside
 * every server's folder (`$2`) or inside the viewer's own (`$3`). A query using it passes
 * {@link ReadableFilter.params} first.
 */
export const READABLE = '($1 OR id NOT LIKE $2 OR id LIKE $3)';

/** What {@link READABLE} needs to know of a viewer. */
export interface ReadableFilter {
  /** Whether the viewer reads fewer than all articles. */
  some: boolean;
  /** The parameters of {@link READABLE}. */
  params: [boolean, string, string | null];
}

/** The {@link READABLE} condition's parameters for a viewer (every article when none is given). */
export function readableFilter(viewer: Viewer | undefined): ReadableFilter {
  const all = !viewer || 'all' in viewer;
  const own = all || viewer.guildId === null ? null : `${SERVERS_FOLDER}/${viewer.guildId}/%`;
  return { some: !all, params: [all, `${SERVERS_FOLDER}/%`, own] };
}
