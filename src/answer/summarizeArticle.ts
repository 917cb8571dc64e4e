import type { Article, Paragraph, Sentence } from '../corpus/types';
import { analyzeText } from '../search/analyzeText';
import type { PassageIndex } from '../search/PassageIndex';
import { joinCited } from './joinCited';
import { makeCitation } from './makeCitation';
import type { Citation, QuotedSentence, Summary } from './types';

/** How long a summary should be. */
export type SummaryLength = 'short' | 'medium' | 'long';

/** Sentence count and character budget per length; `medium` is the default. */
const LENGTHS: Record<SummaryLength, { min: number; max: number; chars: number }> = {
  short: { min: 1, max: 3, chars: 350 },
  medium: { min: 3, max: 5, chars: 700 },
  long: { min: 5, max: 8, chars: 1400 },
};

/** Options for {@link summarizeArticle}. */
export interface SummaryOptions {
  length?: SummaryLength;
  /** Weight of a sentence's position: news puts the most important facts first. */
  leadWeight?: number;
  /** A sentence this similar to one already chosen is skipped as repetition. */
  maxSimilarity?: number;
}

const DEFAULTS: Required<SummaryOptions> = {
  length: 'medium',
  leadWeight: 0.3,
  maxSimilarity: 0.5,
};

interface Candidate {
  paragraph: Paragraph;
  sentence: Sentence;
  vector: Map<string, number>;
  score: number;
  position: number;
}

/**
 * An extractive summary: the sentences most central to the article (closest to its TF-IDF
 * centroid, with a bonus for coming early, as news leads do), without repeats, within the
 * length's sentence count and character budget, put back in article order and each cited.
 */
export function summarizeArticle(
  index: PassageIndex,
  article: Article,
  options: SummaryOptions = {},
): Summary {
  const settings = { ...DEFAULTS, ...options };
  const budget = LENGTHS[settings.length];

  const candidates: Candidate[] = [];
  for (const paragraph of article.paragraphs) {
    for (const sentence of paragraph.sentences) {
      candidates.push({
        paragraph,
        sentence,
        vector: tfidfVector(index, sentence.text),
        score: 0,
        position: candidates.length,
      });
    }
  }
  const centroid = new Map<string, number>();
  for (const { vector } of candidates) {
    for (const [term, weight] of vector) centroid.set(term, (centroid.get(term) ?? 0) + weight);
  }
  for (const candidate of candidates) {
    const lead = 1 / (1 + candidate.position);
    candidate.score = cosine(candidate.vector, centroid) + settings.leadWeight * lead;
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

function tfidfVector(index: PassageIndex, text: string): Map<string, number> {
  const vector = new Map<string, number>();
  for (const term of analyzeText(text)) vector.set(term, (vector.get(term) ?? 0) + 1);
  for (const [term, count] of vector) vector.set(term, count * index.idf(term));
  return vector;
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
