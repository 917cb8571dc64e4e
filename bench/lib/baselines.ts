import MiniSearch from 'minisearch';
import type { Article, Corpus } from '../../src/corpus/types.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** One paragraph as the plain baseline sees it. */
interface PlainPassage {
  id: number;
  articleId: string;
  passage: number;
  text: string;
}

/**
 * The off-the-shelf approach the issue compares against: minisearch with default options over
 * the paragraphs, searching the raw question, answering with the top paragraph's sentence that
 * shares the most words with the question.
 */
export class PlainMiniSearchBaseline {
  private readonly passages: PlainPassage[] = [];
  private readonly search: MiniSearch<PlainPassage>;

  constructor(corpus: Corpus) {
    for (const article of corpus.articles) {
      for (const paragraph of article.paragraphs) {
        if (paragraph.kind !== 'body') continue;
        this.passages.push({
          id: this.passages.length,
          articleId: article.id,
          passage: paragraph.number,
          text: paragraph.text,
        });
      }
    }
    this.search = new MiniSearch<PlainPassage>({ fields: ['text'] });
    this.search.addAll(this.passages);
  }

  /** The answer sentence and the top passages, best first. */
  ask(question: string, limit = 3): { answer: string; passages: PlainPassage[] } {
    const passages = this.search
      .search(question)
      .slice(0, limit)
      .map((r) => this.passages[r.id] as PlainPassage);
    const top = passages[0];
    if (!top) return { answer: '', passages };
    const words = new Set(words_(question));
    let best = '';
    let bestOverlap = -1;
    for (const { segment } of segmenter.segment(top.text)) {
      const overlap = new Set(words_(segment).filter((w) => words.has(w))).size;
      if (overlap > bestOverlap) {
        best = segment.trim();
        bestOverlap = overlap;
      }
    }
    return { answer: best, passages };
  }
}

function words_(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The article's first `count` sentences. */
export function leadSentences(article: Article, count: number): string {
  return article.paragraphs
    .flatMap((p) => p.sentences)
    .slice(0, count)
    .map((s) => s.text)
    .join(' ');
}

/** The article's first sentences, as many as fit in `chars` characters (at least one). */
export function leadOfLength(article: Article, chars: number): string {
  const chosen: string[] = [];
  let length = 0;
  for (const sentence of article.paragraphs.flatMap((p) => p.sentences)) {
    if (chosen.length > 0 && length + sentence.text.length > chars) break;
    chosen.push(sentence.text);
    length += sentence.text.length + 1;
  }
  return chosen.join(' ');
}
