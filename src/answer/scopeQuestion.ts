import { type Viewer, visibleTo } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';
import { processTerm } from '../search/analyzeText.js';
import type { Passage, PassageIndex, PassageSearchOptions } from '../search/PassageIndex.js';
import { isoDay } from '../time/calendarDay.js';
import { inRange, readTimeScope, type TimeScope } from '../time/readTimeScope.js';
import type { AnswerScope } from './types.js';

/** How much a question about the latest news favours a passage published today over an old one. */
const RECENCY_WEIGHT = 1;
/** Days after which that preference has halved. */
const RECENCY_HALF_LIFE_DAYS = 30;

/**
 * Words that ask for news in general rather than about something: a question made only of
 * them and time words ("what happened yesterday?") is answered with the newest leads.
 */
const GENERIC_NEWS_WORDS = [
  'happen',
  'happened',
  'happening',
  'news',
  'new',
  'story',
  'stories',
  'headline',
  'headlines',
  'update',
  'updates',
  'going',
  'event',
  'events',
];
/** Their index terms, analysed at first use so importing this module loads no dictionary. */
let genericNewsTerms: Set<string> | undefined;

/** Whether analysed question terms ask for news in general, nothing in particular. */
export function asksForAnyNews(terms: readonly string[]): boolean {
  genericNewsTerms ??= new Set(
    GENERIC_NEWS_WORDS.map((word) => processTerm(word)).filter((term) => term !== null),
  );
  const generic = genericNewsTerms;
  return terms.every((term) => generic.has(term));
}

/** A question with its time words read: what to search for, where, and how to rank. */
export interface ScopedQuestion {
  /** The question without its time words. */
  text: string;
  scope?: TimeScope;
  /** The articles the question is about: all of them, or those published in its range. */
  articles: readonly Article[];
  /**
   * How many articles that is. For an index of part of an archive (a database's candidates),
   * a question without a range counts the archive's.
   */
  articleCount: number;
  search: PassageSearchOptions;
  /**
   * What the time words make of an article's publication day (undefined when it has none), as
   * `search` applies them to passages: whether it is in the range, and how much newer counts.
   * For a search of candidates known only by their days.
   */
  days: DayRules;
  /** The scope as the answer reports it. */
  reported?: AnswerScope;
}

/** See {@link ScopedQuestion.days}. */
export interface DayRules {
  inScope?: (day: number | undefined) => boolean;
  boost?: (day: number | undefined) => number;
}

/**
 * Reads a question's time words ("latest", "in March 2005", "since January") against the
 * newest article's day. A range becomes a filter on publication day; "latest" becomes a
 * ranking preference for newer passages. A question without time words, or a corpus without
 * dates, is searched exactly as written. With a `viewer`, only the collections it may read
 * (see corpus/collections) are searched and counted.
 */
export function scopeQuestion(
  index: PassageIndex,
  question: string,
  viewer?: Viewer,
): ScopedQuestion {
  const scoped = scopeByTime(index, question);
  if (!viewer || 'all' in viewer) return scoped;
  // The viewer's collections are a filter inside the search, before ranking: a server with a
  // handful of articles still gets its best passage however large the shared collection is.
  const canRead = visibleTo(viewer);
  const readable = visibleArticles(index, viewer, canRead);
  // A viewer who may read every article (no server has added any) is searched as before.
  if (readable.length === index.corpus.articles.length)
    return { ...scoped, articleCount: index.scopedArticleCount ?? scoped.articleCount };
  const articles =
    scoped.articles === index.corpus.articles
      ? readable
      : scoped.articles.filter((article) => canRead(article.id));
  return {
    ...scoped,
    articles,
    articleCount: index.scopedArticleCount ?? articles.length,
    search: { ...scoped.search, readableBy: viewer },
  };
}

/** Each index's articles as each server (or DMs) may read them, listed once per index. */
const visibleByIndex = new WeakMap<PassageIndex, Map<string | null, readonly Article[]>>();
/** Servers whose lists are kept per index; beyond, the oldest are listed again when asked. */
const MAX_LISTED_VIEWERS = 1000;

function visibleArticles(
  index: PassageIndex,
  viewer: { guildId: string | null },
  canRead: (articleId: string) => boolean,
): readonly Article[] {
  let lists = visibleByIndex.get(index);
  if (!lists) {
    lists = new Map();
    visibleByIndex.set(index, lists);
  }
  let list = lists.get(viewer.guildId);
  if (!list) {
    list = index.corpus.articles.filter((article) => canRead(article.id));
    if (lists.size >= MAX_LISTED_VIEWERS) lists.delete(lists.keys().next().value as string | null);
    lists.set(viewer.guildId, list);
  }
  return list;
}

/**
 * Whether a date range keeps the undated articles: where most are undated (pages whose sites
 * give no date, files placed by hand), a range cannot rule one out, and "in January" would
 * otherwise hide every story that mentions January. Where most are dated, it keeps to those.
 */
export function rangeKeepsUndated(index: PassageIndex): boolean {
  return index.undatedCount * 2 > index.articleCount;
}

function scopeByTime(index: PassageIndex, question: string): ScopedQuestion {
  const span = index.dateSpan;
  const scope = span && readTimeScope(question, span);
  const all = index.corpus.articles;
  if (!span || !scope)
    return {
      text: question,
      articles: all,
      articleCount: index.articleCount,
      search: {},
      days: {},
    };

  const { range } = scope;
  const keepUndated = rangeKeepsUndated(index);
  const days: DayRules = {};
  if (range) days.inScope = (day) => (day === undefined ? keepUndated : inRange(day, range));
  if (scope.recent)
    days.boost = (day) =>
      day === undefined
        ? 1
        : 1 + RECENCY_WEIGHT * 0.5 ** (Math.max(0, span.last - day) / RECENCY_HALF_LIFE_DAYS);
  const inScope = (article: Article) => days.inScope?.(article.published?.day) ?? true;
  const search: PassageSearchOptions = {};
  if (days.inScope) search.filter = (passage: Passage) => inScope(passage.article);
  const boostOfDay = days.boost;
  if (boostOfDay) search.boost = ({ article }: Passage) => boostOfDay(article.published?.day);
  const reported: AnswerScope = { label: scope.label, recent: scope.recent };
  if (range?.from !== undefined) reported.from = isoDay(range.from);
  if (range?.to !== undefined) reported.to = isoDay(range.to);
  const articles = range ? all.filter(inScope) : all;
  return {
    text: scope.rest,
    scope,
    articles,
    articleCount: range ? (index.scopedArticleCount ?? articles.length) : index.articleCount,
    search,
    days,
    reported,
  };
}
