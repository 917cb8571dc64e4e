import { type Viewer, viewerIn } from '../corpus/collections.js';

/** Who is asking, as collections see it: the server the request came from, or a DM. */
export function viewerOf(source: { guildId: string | null }): Viewer {
  return viewerIn(source.guildId ?? null);
}
