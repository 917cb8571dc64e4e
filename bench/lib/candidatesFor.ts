import type { Settings } from '../../src/answer/answerSettings.js';
import { candidateSentences } from '../../src/answer/candidateSentences.js';
import { findPassages } from '../../src/answer/findPassages.js';
import { MAX_QUESTION_CHARS, readQuery } from '../../src/answer/readQuery.js';
import { scopeQuestion } from '../../src/answer/scopeQuestion.js';
import type { Candidate } from '../../src/answer/scoreSentences.js';
import type { PassageIndex } from '../../src/search/PassageIndex.js';

/**
 * Every candidate sentence `answerQuestion` chooses its answer from, scored and sorted best
 * first, as it makes them: the benchmarks that look inside the choice (fitting the scorer's
 * weights, the ceiling of the choice) start from the same list. Empty when the question has no
 * words to search for or nothing matches.
 */
export function candidatesFor(
  index: PassageIndex,
  question: string,
  settings: Settings,
): Candidate[] {
  const scoped = scopeQuestion(index, question.slice(0, MAX_QUESTION_CHARS));
  const query = readQuery(index, scoped.text);
  if (query.words.length === 0) return [];
  const hits = findPassages(
    index,
    query,
    settings.passagesRead,
    settings.maxPostings,
    scoped.search,
  );
  if (hits.length === 0) return [];
  return candidateSentences(
    index,
    query,
    hits,
    settings,
    scoped.text,
    scoped.scope?.recent === true,
  ).candidates;
}
