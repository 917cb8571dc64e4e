import { serverFolder } from '../corpus/collections.js';
import { type AddPageResult, addPage, type PageFetchSettings } from './addPage.js';

/** Where `/add` puts pages, and how it fetches them. */
export interface CollectionSettings {
  /** The articles folder. */
  seedsDir: string;
  /** `server`: a server's additions go to its own collection; `shared`: to everyone's. */
  addScope: 'server' | 'shared';
  fetch: PageFetchSettings;
}

/**
 * Adds a page for a server: into `servers/<guildId>/` of the articles folder with
 * `addScope: 'server'`, where only that server's answers can cite it, or into the shared
 * collection with `shared` (or without a server, as the operator adds).
 */
export function addToCollection(
  url: string,
  settings: CollectionSettings,
  guildId?: string,
): Promise<AddPageResult> {
  const into =
    guildId && settings.addScope === 'server'
      ? serverFolder(settings.seedsDir, guildId)
      : settings.seedsDir;
  return addPage(url, into, settings.fetch, settings.seedsDir);
}
