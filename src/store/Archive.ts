import type { FollowUpIndex } from '../conversation/askFollowUp.js';
import type { Viewer } from '../corpus/collections.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import type { ArticleStore } from './ArticleStore.js';
import { memoryArticleStore } from './memoryArticleStore.js';

/**
 * What the adapters (console, bot) read besides the `Ask` seam: the articles, and the index a
 * conversation's follow-up is read against. The folder mode's is {@link memoryArchive}; with
 * DATABASE_URL it is `databaseArchive`, and a process then holds no archive of its own.
 */
export interface Archive {
  articles: ArticleStore;
  /** The index a viewer's follow-up is read against (see conversation/readFollowUp). */
  followUpIndex(viewer: Viewer): FollowUpIndex;
}

/** The folder mode's archive: every article in the index, held in memory. */
export function memoryArchive(index: () => PassageIndex): Archive {
  return { articles: memoryArticleStore(index), followUpIndex: () => () => index() };
}
