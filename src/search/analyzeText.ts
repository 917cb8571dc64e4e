import { stemmer } from 'stemmer';
// The ES module build: the package's main entry is CommonJS that Node must scan for exports,
// which costs a one-question process 30 ms.
import { eng } from 'stopword/dist/stopword.esm.mjs';
import { lemmatize } from './lemmatize.js';

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
 * Stemming is the costliest step of indexing and answering; words repeat so much that a cache
 * removes most of it. It is emptied when full so hostile input cannot grow it without bound.
 */
const termCache = new Map<string, string | null>();
const MAX_CACHED_TERMS = 200_000;

/**
 * Turns one raw token into an index term: lower case, possessive and inner dots removed, stop
 * words dropped (null), the rest stemmed with the Porter stemmer so "launched" meets "launching".
 */
export function processTerm(token: string): string | null {
  const cached = termCache.get(token);
  if (cached !== undefined) return cached;
  const term = computeTerm(token);
  if (termCache.size >= MAX_CACHED_TERMS) termCache.clear();
  termCache.set(token, term);
  return term;
}

function computeTerm(token: string): string | null {
  if (token.length > MAX_TOKEN_CHARS) return null;
  const word = token
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/[.'’]/gu, '');
  if (word === '' || STOP_WORDS.has(word)) return null;
  if (/^\p{N}+$/u.test(word)) return word;
  // The dictionary form first: WordNet knows irregular forms ("held" → "hold", "children" →
  // "child") that a suffix-stripping stemmer cannot.
  return stemmer(lemmatize(word));
}

/**
 * Terms already known for many tokens, such as the vocabulary of a saved index, so a process
 * that starts from one need not analyse those words again. Entries beyond the cache's bound
 * are left out; they are recomputed, with the same result, when met.
 */
export function primeTermCache(tokens: readonly string[], terms: readonly (string | null)[]): void {
  const room = MAX_CACHED_TERMS - termCache.size;
  for (let i = 0; i < tokens.length && i < room; i++) {
    termCache.set(tokens[i] as string, terms[i] ?? null);
  }
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
