import type { Summary } from '../answer/types.js';
import type { Article } from '../corpus/types.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import type { Briefing, BriefingOptions } from './composeBriefing.js';

/**
 * Where the deliverer looks for news: what it has seen so far. The folder mode's is every
 * article id its index held; the database's is the last arrival number (a sequence that only
 * grows as articles are first stored), so it stays one number however large the archive.
 */
export type ArrivalMark = readonly string[] | number;

/** What arrived since a mark. */
export interface Arrivals {
  /** Where to look from next time. */
  mark: ArrivalMark;
  /** How many articles arrived (0 at a first look, which only learns what is there). */
  count: number;
  /** Those articles, when there were no more than the limit asked for; else none. */
  articles: Article[];
  /** An index that holds them and weighs their words as the whole archive does. */
  index?: PassageIndex;
}

/** How {@link NewsSource.arrivals} looks. */
export interface ArrivalOptions {
  /** Beyond this many only their number is read: that many at once is a bulk load, not news. */
  limit: number;
  /** Text whose words the index must weigh as the archive does, besides the articles' own: the alerts' topics. */
  weigh?: readonly string[];
}

/**
 * What the deliverer reads of the articles, whichever store holds them: the folder's live
 * index ({@link indexNews}) or the database (`databaseNews`). Each call reads only what one
 * post or one look needs, so delivering from a large archive holds none of it in memory.
 */
export interface NewsSource {
  /** The article with this id, if the archive holds it (yet, or still). */
  article(id: string): Promise<Article | undefined>;
  /**
   * The articles that arrived after `mark`, oldest first. With no mark (the first look), none:
   * a first start, a rebuilt index or a replaced folder is not news.
   */
  arrivals(mark: ArrivalMark | null, options: ArrivalOptions): Promise<Arrivals>;
  /** A short extractive summary of one article, for its post. */
  summarize(article: Article): Promise<Summary>;
  /** The stories of a briefing due at `options.at`. */
  briefing(options: BriefingOptions): Promise<Briefing>;
}
