import type { Viewer } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import { digestArticles } from './digestArticles.js';
import type { DigestEntry } from './types.js';

/** An article like another one, with how alike they are. */
export interface RelatedArticle extends DigestEntry {
  /** Cosine similarity (0–1) of the two articles' weighted terms. */
  similarity: number;
}

/** Options for {@link relatedArticles}; the defaults were measured on the BBC topics. */
export interface RelatedOptions {
  /** How many related articles to return at most. */
  limit?: number;
  /** Articles less similar than this are not shown, however few remain. */
  minSimilarity?: number;
  /** How many of the article's most distinctive terms make up the search. */
  queryTerms?: number;
  /** How many passages the search reads to find candidate articles. */
  candidatePassages?: number;
  /** Whose collections they may come from (see corpus/collections); all when not given. */
  viewer?: Viewer;
}

const DEFAULTS: Required<Omit<RelatedOptions, 'viewer'>> = {
  limit: 5,
  minSimilarity: 0.1,
  queryTerms: 25,
  candidatePassages: 150,
};

type TermVector = { weights: Map<string, number>; norm: number };
const vectors = new WeakMap<Article, TermVector>();

/**
 * The articles most like the given one ("more like this"): its most distinctive terms (frequent
 * in it, rare in the corpus) find candidates in the index; candidates are then ranked by the
 * cosine similarity of their whole term profiles, so one shared name does not make two
 * stories related. The article itself is never among them.
 */
export function relatedArticles(
  index: PassageIndex,
  article: Article,
  options: RelatedOptions = {},
): RelatedArticle[] {
  const settings = { ...DEFAULTS, ...options };
  const query = relatedQuery(index, article, settings.queryTerms);
  if (query.length === 0) return [];
  const candidates = new Set<Article>();
  for (const hit of index.searchTerms(query, settings.candidatePassages, {
    filter: (passage) => passage.article.id !== article.id,
    // Inside the search, so another server's articles never take a candidate's place.
    ...(options.viewer ? { readableBy: options.viewer } : {}),
  }))
    candidates.add(hit.passage.article);
  return rankRelated(index, article, [...candidates], settings);
}

/**
 * The search that finds an article's relatives: its most distinctive terms, most weighty first.
 * An index holding only some articles must weigh terms as the whole archive does.
 */
export function relatedQuery(
  index: PassageIndex,
  article: Article,
  queryTerms = DEFAULTS.queryTerms,
): string[] {
  return [...vectorOf(index, article).weights]
    .sort((a, b) => b[1] - a[1])
    .slice(0, queryTerms)
    .map(([term]) => term);
}

/**
 * The candidates most like the article, by the cosine similarity of their whole term profiles,
 * in the order found when equally alike. `index` must hold the article and the candidates.
 */
export function rankRelated(
  index: PassageIndex,
  article: Article,
  candidates: readonly Article[],
  options: Omit<RelatedOptions, 'viewer'> = {},
): RelatedArticle[] {
  const settings = { ...DEFAULTS, ...options };
  const own = vectorOf(index, article);
  return candidates
    .map((candidate) => ({ candidate, similarity: cosine(own, vectorOf(index, candidate)) }))
    .filter(({ similarity }) => similarity >= settings.minSimilarity)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, settings.limit)
    .map(({ candidate, similarity }) => ({
      ...(digestArticles([candidate])[0] as DigestEntry),
      similarity: Math.round(similarity * 1000) / 1000,
    }));
}

/**
 * How alike two articles are, 0–1: the cosine similarity of their weighted terms, as
 * {@link relatedArticles} ranks them. Copies of one story from several sites come near 1.
 */
export function articleSimilarity(index: PassageIndex, a: Article, b: Article): number {
  return cosine(vectorOf(index, a), vectorOf(index, b));
}

/** An article's terms weighted by (1 + log tf) × idf, computed once per article. */
function vectorOf(index: PassageIndex, article: Article): TermVector {
  const cached = vectors.get(article);
  if (cached) return cached;
  const counts = new Map<string, number>();
  for (const passage of index.passagesOf(article))
    for (const terms of index.termsOfSentences(passage))
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  const weights = new Map<string, number>();
  let sum = 0;
  for (const [term, count] of counts) {
    const weight = (1 + Math.log(count)) * index.idf(term);
    weights.set(term, weight);
    sum += weight * weight;
  }
  const vector = { weights, norm: Math.sqrt(sum) };
  vectors.set(article, vector);
  return vector;
}

function cosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small.weights) dot += weight * (large.weights.get(term) ?? 0);
  return dot / (a.norm * b.norm);
}
