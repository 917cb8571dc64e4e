import { type Range, trimRange } from './trimRange.js';

/** A sentence located by offsets into the string it was split from. */
export type SentenceSpan = Range;

/** Made at first use: ICU's sentence rules take a noticeable part of a one-question process. */
let segmenter: Intl.Segmenter | undefined;

/**
 * Abbreviations that come before a name, so a full stop after them never ends a sentence. ICU
 * has the same idea ("sentence break suppressions") but V8's Intl.Segmenter does not expose it.
 */
const TITLES = new Set(
  'mr mrs ms dr prof st sen rep gov gen col lt sgt capt cmdr adm maj rev fr sr jr mt ft vs approx dept jan feb mar apr jun jul aug sep sept oct nov dec'.split(
    ' ',
  ),
);

/** Longest sentence kept whole; longer runs (lists, tables, unpunctuated text) are cut on words. */
const MAX_SENTENCE_CHARS = 600;

/**
 * Splits text into sentences with `Intl.Segmenter` (fast, Unicode-aware), then joins the pieces
 * it breaks after titles and initials ("Mr. Smith", "J. R. R. Tolkien") or before a lower-case
 * continuation. Offsets exclude surrounding white space.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let pending: SentenceSpan | undefined;
  for (const { index, segment } of segmentInChunks(text)) {
    const span = trimRange(text, index, index + segment.length);
    if (!span) continue;
    if (pending && continuesSentence(text, pending, span)) {
      pending.end = span.end;
    } else {
      if (pending) spans.push(...capLength(text, pending));
      pending = span;
    }
  }
  if (pending) spans.push(...capLength(text, pending));
  return spans;
}

/** Longest piece of text given to the segmenter at once. */
const CHUNK_CHARS = 2000;

/**
 * V8's sentence segmenter takes time quadratic in the length of the string it walks (16,000
 * one-line sentences: 5.7 s), so long text is cut first at line breaks or sentence ends into
 * pieces of at most {@link CHUNK_CHARS}, each segmented on its own.
 */
function* segmentInChunks(text: string): Generator<{ index: number; segment: string }> {
  let start = 0;
  while (start < text.length) {
    let end = text.length;
    if (end - start > CHUNK_CHARS) {
      const window = text.slice(start, start + CHUNK_CHARS);
      let cut = window.lastIndexOf('\n') + 1;
      if (cut < CHUNK_CHARS / 2) {
        let lastEnd = 0;
        for (const match of window.matchAll(/[.!?]["'”’)]*\s+/g))
          lastEnd = match.index + match[0].length;
        cut = lastEnd >= CHUNK_CHARS / 2 ? lastEnd : window.lastIndexOf(' ') + 1;
      }
      end = start + (cut > 0 ? cut : CHUNK_CHARS);
    }
    const piece = text.slice(start, end);
    segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
    for (const { index, segment } of segmenter.segment(piece))
      yield { index: start + index, segment };
    start = end;
  }
}

function continuesSentence(text: string, previous: SentenceSpan, next: SentenceSpan): boolean {
  const first = text[next.start] ?? '';
  if (/[\p{Ll}]/u.test(first)) return true;
  const tail = text.slice(Math.max(previous.start, previous.end - 12), previous.end);
  const word = /(?:^|[\s("'“‘])([\p{L}]+)\.$/u.exec(tail)?.[1];
  if (!word) return false;
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true;
  return TITLES.has(word.toLowerCase());
}

function capLength(text: string, span: SentenceSpan): SentenceSpan[] {
  const pieces: SentenceSpan[] = [];
  let start = span.start;
  while (span.end - start > MAX_SENTENCE_CHARS) {
    const window = text.slice(start, start + MAX_SENTENCE_CHARS);
    const cut = Math.max(window.lastIndexOf('; '), window.lastIndexOf(' '));
    const end =
      cut > MAX_SENTENCE_CHARS / 2
        ? start + cut + (window[cut] === ';' ? 1 : 0)
        : start + MAX_SENTENCE_CHARS;
    const piece = trimRange(text, start, end);
    if (piece) pieces.push(piece);
    start = end;
  }
  const last = trimRange(text, start, span.end);
  if (last) pieces.push(last);
  return pieces;
}
