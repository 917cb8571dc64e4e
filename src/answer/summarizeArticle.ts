import type { Article, Paragraph, Sentence } from '../corpus/types.js';
import { analyzeText } from '../search/analyzeText.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import { joinCited } from './joinCited.js';
import { makeCitation } from './makeCitation.js';
import type { Citation, QuotedSentence, Summary } from './types.js';

/** How long a summary should be. */
export type SummaryLength = 'short' | 'medium' | 'long';

/** Sentence count and character budget per length; `medium` is the default. */
const LENGTHS: Record<SummaryLength, { min: number; max: number; chars: number }> = {
  short: { min: 1, max: 3, chars: 350 },
  medium: { min: 3, max: 5, chars: 850 },
  long: { min: 5, max: 8, chars: 1400 },
};

/** Options for {@link summarizeArticle}. */
export interface SummaryOptions {
  length?: SummaryLength;
  /** Weight of a sentence's position: news puts the most important facts first. */
  leadWeight?: number;
  /** Weight of how often the sentence's words recur elsewhere in the article. */
  recurrenceWeight?: number;
  /**
   * Exponent on a word's rarity (idf) in the sentence vectors: 1 is plain TF-IDF; lower values
   * let the article's own frequent words count more than rare asides.
   */
  idfExponent?: number;
  /** A sentence this similar to one already chosen is skipped as repetition. */
  maxSimilarity?: number;
}

const DEFAULTS: Required<SummaryOptions> = {
  length: 'medium',
  leadWeight: 0,
  recurrenceWeight: 0.05,
  idfExponent: 0.5,
  maxSimilarity: 0.7,
};

interface Candidate {
  paragraph: Paragraph;
  sentence: Sentence;
  counts: Map<string, number>;
  vector: Map<string, number>;
  score: number;
  position: number;
}

/**
 * An extractive summary: the sentences most central to the article (closest to its TF-IDF
 * centroid, made of words that recur through the article, with a small bonus for coming early
 * as news leads do), without repeats, within the length's sentence count and character budget,
 * put back in article order and each cited.
 */
export function summarizeArticle(
  index: PassageIndex,
  article: Article,
  options: SummaryOptions = {},
): Summary {
  const settings = { ...DEFAULTS, ...options };
  const budget = LENGTHS[settings.length];

  const candidates: Candidate[] = [];
  const articleCounts = new Map<string, number>();
  for (const paragraph of article.paragraphs) {
    for (const sentence of paragraph.sentences) {
      const counts = termCounts(sentence.text);
      for (const [term, count] of counts)
        articleCounts.set(term, (articleCounts.get(term) ?? 0) + count);
      candidates.push({
        paragraph,
        sentence,
        counts,
        vector: new Map(),
        score: 0,
        position: candidates.length,
      });
    }
  }
  const weigh = (term: string) => index.idf(term) ** settings.idfExponent;
  const centroid = new Map<string, number>();
  for (const [term, count] of articleCounts) centroid.set(term, count * weigh(term));
  for (const candidate of candidates) {
    for (const [term, count] of candidate.counts) candidate.vector.set(term, count * weigh(term));
    let recurrence = 0;
    for (const term of candidate.counts.keys()) recurrence += (articleCounts.get(term) ?? 1) - 1;
    recurrence /= Math.max(1, candidate.counts.size);
    const lead = 1 / (1 + candidate.position);
    candidate.score =
      cosine(candidate.vector, centroid) +
      settings.recurrenceWeight * recurrence +
      settings.leadWeight * lead;
  }

  const chosen: Candidate[] = [];
  let chars = 0;
  for (const candidate of [...candidates].sort((a, b) => b.score - a.score)) {
    if (chosen.length >= budget.max) break;
    const length = candidate.sentence.text.length;
    if (chosen.length >= budget.min && chars + length > budget.chars) continue;
    if (chosen.some((c) => cosine(c.vector, candidate.vector) > settings.maxSimilarity)) continue;
    chosen.push(candidate);
    chars += length + 1;
  }
  chosen.sort((a, b) => a.position - b.position);

  const citations: Citation[] = [];
  const sentences: QuotedSentence[] = chosen.map(({ paragraph, sentence, score }) => {
    let citation = citations.find((c) => c.passage === paragraph.number);
    if (!citation) {
      citation = makeCitation(article, paragraph, citations.length + 1, score);
      citations.push(citation);
    }
    return {
      text: sentence.text,
      start: sentence.start,
      end: sentence.end,
      citation: citation.number,
    };
  });
  return {
    articleId: article.id,
    title: article.title,
    text: joinCited(sentences),
    sentences,
    citations,
  };
}

function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of analyzeText(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [term, weight] of a) {
    normA += weight * weight;
    dot += weight * (b.get(term) ?? 0);
  }
  for (const weight of b.values()) normB += weight * weight;
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
