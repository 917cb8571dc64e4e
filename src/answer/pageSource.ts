import { splitSentences } from '../corpus/splitSentences.js';
import type { Article } from '../corpus/types.js';

/** Page size that fits one Discord embed description (4,096) with room for a footer. */
export const DEFAULT_PAGE_CHARS = 4000;

/** One page of an article's text. */
export interface SourcePage {
  /** 1-based page number. */
  number: number;
  text: string;
  /** Offsets of the page in the article text. */
  start: number;
  end: number;
}

/**
 * Splits an article's text into pages of at most `maxChars` characters, breaking between
 * paragraphs; a paragraph longer than a page is broken between sentences, and a sentence
 * longer than a page between words. The headline stays on the first page.
 */
export function pageSource(article: Article, maxChars = DEFAULT_PAGE_CHARS): SourcePage[] {
  if (maxChars < 1) throw new RangeError('maxChars must be at least 1');
  const pieces =
    article.text.length <= maxChars
      ? [{ start: 0, end: article.text.length }]
      : cutPieces(article.text, maxChars);
  const pages: SourcePage[] = [];
  let current: { start: number; end: number } | undefined;
  for (const piece of pieces) {
    if (current && piece.end - current.start <= maxChars) {
      current.end = piece.end;
    } else {
      if (current) pages.push(toPage(article.text, current, pages.length + 1));
      current = { ...piece };
    }
  }
  if (current) pages.push(toPage(article.text, current, pages.length + 1));
  return pages;
}

interface Piece {
  start: number;
  end: number;
}

/** The text cut at every paragraph break, with over-long paragraphs cut further. */
function cutPieces(text: string, maxChars: number): Piece[] {
  const pieces: Piece[] = [];
  let from = 0;
  for (const match of text.matchAll(/\n\s*\n/g)) {
    pieces.push(...cutToFit(text, from, match.index, maxChars));
    from = match.index;
  }
  pieces.push(...cutToFit(text, from, text.length, maxChars));
  return pieces;
}

function cutToFit(text: string, start: number, end: number, maxChars: number): Piece[] {
  if (end - start <= maxChars) return [{ start, end }];
  const pieces: Piece[] = [];
  let from = start;
  for (const sentence of splitSentences(text.slice(start, end))) {
    const sentenceEnd = start + sentence.end;
    if (sentenceEnd - from > maxChars) {
      for (let cut = from; cut < sentenceEnd; ) {
        const limit = Math.min(sentenceEnd, cut + maxChars);
        const space = text.lastIndexOf(' ', limit);
        const next = limit === sentenceEnd || space <= cut ? limit : space;
        pieces.push({ start: cut, end: next });
        cut = next;
      }
    } else {
      pieces.push({ start: from, end: sentenceEnd });
    }
    from = sentenceEnd;
  }
  if (from < end) pieces.push({ start: from, end });
  return pieces;
}

function toPage(text: string, range: Piece, number: number): SourcePage {
  return {
    number,
    text: text.slice(range.start, range.end).trim(),
    start: range.start,
    end: range.end,
  };
}
