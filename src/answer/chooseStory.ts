import type { Article } from '../corpus/types.js';
import { processTerm, tokenize } from '../search/analyzeText.js';
import type { PassageHit, PassageIndex } from '../search/PassageIndex.js';
import type { Query } from './readQuery.js';
import { subjectShare } from './readSubjects.js';

/*
 * The second stage: which story the found passages are about. A question is usually about one
 * story; these signals let the sentence scorer prefer it.
 */

/** Days after which a found article counts half as fresh as the newest one found. */
const FRESHNESS_HALF_LIFE_DAYS = 30;

/** How new each hit's article is next to the newest article among the hits (0–1; undated 0). */
export function freshnessAmong(hits: readonly PassageHit[]): (hit: PassageHit) => number {
  const newest = Math.max(...hits.map((hit) => hit.passage.article.published?.day ?? -Infinity));
  return (hit) => {
    const day = hit.passage.article.published?.day;
    return day === undefined ? 0 : 0.5 ** ((newest - day) / FRESHNESS_HALF_LIFE_DAYS);
  };
}

/** Each hit's article's share of the hits' summed search score (0–1). */
export function articleSupport(hits: readonly PassageHit[]): (hit: PassageHit) => number {
  const byArticle = new Map<unknown, number>();
  let total = 0;
  for (const hit of hits) {
    byArticle.set(hit.passage.article, (byArticle.get(hit.passage.article) ?? 0) + hit.score);
    total += hit.score;
  }
  return (hit) => (total > 0 ? (byArticle.get(hit.passage.article) ?? 0) / total : 0);
}

/** What tells whether a story is about the question: its headline and the subjects it names. */
export interface StorySignals {
  /** Share (0–1) of the question's weight that the headline holds. */
  title: number;
  /** Share (0–1) of the question's named subjects that the article names. */
  subjectStory: number;
}

/** The story signals of each found article, worked out once per article. */
export function storySignals(
  index: PassageIndex,
  query: Query,
  subjects: readonly string[],
): (article: Article) => StorySignals {
  const known = new Map<Article, StorySignals>();
  return (article) => {
    let signals = known.get(article);
    if (!signals) {
      const headline = new Set(tokenize(article.title).map(processTerm));
      let held = 0;
      for (const term of query.terms) if (headline.has(term)) held += index.idf(term);
      signals = {
        title: query.weight > 0 ? Math.min(1, held / query.weight) : 0,
        subjectStory: subjectShare(index, subjects, article),
      };
      known.set(article, signals);
    }
    return signals;
  };
}
