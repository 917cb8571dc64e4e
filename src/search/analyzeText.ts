import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/**
 * Question words carry the question's type, not its topic; `stopword`'s English list leaves
 * some of them out, so they are added here rather than matched against article text.
 */
const QUESTION_WORDS = ['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how'];
const STOP_WORDS = new Set([...eng, ...QUESTION_WORDS]);

/** Longest token kept; longer runs of letters are noise (hashes, base64) and would bloat the index. */
const MAX_TOKEN_CHARS = 40;

const WORD = /[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*/gu;

/** Splits text into raw word tokens (letters and digits, with inner apostrophes and dots). */
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Turns one raw token into an index term: lower case, possessive and inner dots removed, stop
 * words dropped (null), the rest stemmed with the Porter stemmer so "launched" meets "launching".
 */
export function processTerm(token: string): string | null {
  if (token.length > MAX_TOKEN_CHARS) return null;
  const word = token
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/[.'’]/gu, '');
  if (word === '' || STOP_WORDS.has(word)) return null;
  return /^\p{N}+$/u.test(word) ? word : stemmer(word);
}

/** The index terms of a text, in order, stop words removed. */
export function analyzeText(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}
