import type { Article } from '../corpus/types.js';
import { analyzeText } from '../search/analyzeText.js';

/** The article a reader referred to, or why there is none and what they may have meant. */
export type FindArticleResult =
  | { found: true; article: Article }
  | { found: false; reason: 'empty' | 'unknown' | 'ambiguous'; suggestions: Article[] };

/** Options for {@link findArticle}. */
export interface FindArticleOptions {
  /** Accept the single best headline match when nothing matches exactly. */
  allowPartial?: boolean;
  /** How many suggestions to offer when the reference is unknown or ambiguous. */
  maxSuggestions?: number;
}

/**
 * Looks an article up by what a reader typed: its id (`politics/001`), its headline, or (with
 * `allowPartial`) words of its headline. The reference is only ever compared with loaded
 * articles, never turned into a file path, so no input can reach a file outside the corpus.
 */
export function findArticle(
  articles: readonly Article[],
  reference: string,
  options: FindArticleOptions = {},
): FindArticleResult {
  const { allowPartial = false, maxSuggestions = 5 } = options;
  const wanted = reference.trim().toLowerCase();
  if (wanted === '') return { found: false, reason: 'empty', suggestions: [] };

  const exact =
    articles.find((a) => a.id === reference.trim()) ??
    articles.find((a) => a.id.toLowerCase() === wanted) ??
    articles.find((a) => a.title.toLowerCase() === wanted);
  if (exact) return { found: true, article: exact };

  const ranked = rankByHeadline(articles, wanted);
  const [best, second] = ranked;
  if (allowPartial && best && (!second || best.score > second.score)) {
    return { found: true, article: best.article };
  }
  return {
    found: false,
    reason: best && second && best.score === second.score ? 'ambiguous' : 'unknown',
    suggestions: ranked.slice(0, maxSuggestions).map((r) => r.article),
  };
}

/** Articles whose id or headline shares words with the reference, best first. */
export function rankByHeadline(
  articles: readonly Article[],
  reference: string,
): { article: Article; score: number }[] {
  const terms = new Set(analyzeText(reference));
  const lowered = reference.trim().toLowerCase();
  const ranked: { article: Article; score: number }[] = [];
  for (const article of articles) {
    const headline = new Set(analyzeText(`${article.title} ${article.id}`));
    let score = 0;
    for (const term of terms) if (headline.has(term)) score++;
    if (lowered && article.title.toLowerCase().includes(lowered)) score += terms.size + 1;
    if (lowered && article.id.toLowerCase().startsWith(lowered)) score += terms.size + 1;
    if (score > 0) ranked.push({ article, score });
  }
  return ranked.sort((a, b) => b.score - a.score);
}
