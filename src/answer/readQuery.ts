import { processTerm, tokenize } from '../search/analyzeText.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import { questionType } from './questionType.js';

/** Questions are cut to this length: longer text cannot be a question and would only cost time. */
export const MAX_QUESTION_CHARS = 1000;
/** At most this many distinct words of a question are searched for. */
const MAX_QUERY_WORDS = 32;

/** The question as the scorer uses it. */
export interface Query {
  words: string[];
  terms: string[];
  termSet: ReadonlySet<string>;
  bigrams: Set<string>;
  weight: number;
  type: ReturnType<typeof questionType>;
  lowerWords: Set<string>;
}

/** The question's words, their index terms, word pairs, weight and the kind of fact it asks for. */
export function readQuery(index: PassageIndex, question: string): Query {
  const seen = new Set<string>();
  const words: string[] = [];
  const sequence: string[] = [];
  for (const word of tokenize(question.slice(0, MAX_QUESTION_CHARS))) {
    const term = processTerm(word);
    if (!term) continue;
    sequence.push(term);
    if (seen.has(term) || words.length === MAX_QUERY_WORDS) continue;
    seen.add(term);
    words.push(word);
  }
  const terms = [...seen];
  return {
    words,
    terms,
    termSet: seen,
    bigrams: bigramsOf(sequence),
    weight: terms.reduce((sum, term) => sum + index.idf(term), 0),
    type: questionType(question),
    lowerWords: new Set(tokenize(question).map((word) => word.toLowerCase())),
  };
}

function bigramsOf(terms: readonly string[]): Set<string> {
  const bigrams = new Set<string>();
  for (let i = 1; i < terms.length; i++) bigrams.add(`${terms[i - 1]} ${terms[i]}`);
  return bigrams;
}
