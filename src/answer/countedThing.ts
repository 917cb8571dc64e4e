import { processTerm } from '../search/analyzeText.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import type { WordVectors } from '../search/wordVectors.js';
import type { Candidate } from './scoreSentences.js';

/** Words that end what "how many" counts: "how many goals *did* she score". */
const AUXILIARY =
  /^(did|do|does|were|was|are|is|have|has|had|will|would|can|could|should|might|must)$/i;
/** What "how many" counts is named in its first few words: "how many World Cup goals". */
const MAX_COUNTED_WORDS = 3;
/** How close in meaning a sentence word must come to the counted thing ("posts", "jobs"). */
const MIN_CLOSENESS = 0.5;

/**
 * The index terms of what a "how many" question counts, its subjects left out: "How many World
 * Cup goals did Mia Hamm score" counts goals (and World Cup, unless those are its subjects).
 * Empty for any other question.
 */
export function countedTerms(question: string, subjects: readonly string[]): string[] {
  const after = /\bhow many\s+(.*)$/isu.exec(question)?.[1] ?? '';
  const terms: string[] = [];
  for (const word of after.split(/\s+/)) {
    if (AUXILIARY.test(word) || terms.length === MAX_COUNTED_WORDS) break;
    const term = processTerm(word.replace(/[?.,!;:]+$/u, ''));
    if (term && !subjects.includes(term)) terms.push(term);
  }
  return terms;
}

/**
 * Whether a candidate's sentence names what a "how many" question counts, or a word close to it
 * in meaning: a number in a sentence about flights is no count of passengers. True when the
 * question counts nothing.
 */
export function namesCountedThing(
  index: PassageIndex,
  vectors: WordVectors,
  counted: readonly string[],
  candidate: Candidate,
): boolean {
  if (counted.length === 0) return true;
  const { passage } = candidate.hit;
  const terms =
    index.termsOfSentences(passage)[passage.paragraph.sentences.indexOf(candidate.sentence)] ?? [];
  return counted.some((asked) =>
    terms.some((term) => term === asked || vectors.similarity(term, asked) >= MIN_CLOSENESS),
  );
}
