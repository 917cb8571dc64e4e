import type { Article } from '../corpus/types.js';
import { processTerm, tokenize } from '../search/analyzeText.js';
import type { PassageHit, PassageIndex } from '../search/PassageIndex.js';

/**
 * Share of a word's occurrences inside sentences of the found passages that must be
 * capitalised for it to count as a name when the question itself is not capitalised.
 */
const NAME_CAPITALISED_SHARE = 0.8;

/**
 * The question's named subjects, as index terms: the people, organisations, places and titles
 * it is about. A word is one when the question capitalises it inside the question, or, for a
 * question typed in lower case, when the found passages write it capitalised inside their
 * sentences ("mia hamm" → Mia Hamm). The kind of fact asked for and the generic words
 * ("grand slam", "win") are not subjects: a passage that shares only those answers nothing.
 */
export function readSubjects(question: string, hits: readonly PassageHit[]): string[] {
  const tokens = tokenize(question);
  const capitalised = tokens.filter((token) => /^\p{Lu}/u.test(token));
  // A question in title case says nothing by its capitals; trust the articles' instead.
  const questionIsCased = capitalised.length > 0 && capitalised.length < tokens.length;
  const inArticles = capitalisationIn(hits);
  const subjects = new Set<string>();
  for (const token of tokens) {
    const term = processTerm(token);
    if (!term || /^\d/.test(term)) continue;
    const seen = inArticles.get(term);
    const namedHere = questionIsCased && /^\p{Lu}/u.test(token);
    const namedThere = seen !== undefined && seen.capitalised >= NAME_CAPITALISED_SHARE * seen.all;
    // The articles overrule a capital the question gives a common word ("Which Film won").
    if (namedThere || (namedHere && (seen === undefined || seen.capitalised > 0))) {
      subjects.add(term);
    }
  }
  return [...subjects];
}

/** For each term of the found passages: how often it occurs inside a sentence, and capitalised. */
function capitalisationIn(
  hits: readonly PassageHit[],
): Map<string, { all: number; capitalised: number }> {
  const counts = new Map<string, { all: number; capitalised: number }>();
  const seenParagraphs = new Set<unknown>();
  for (const { passage } of hits) {
    if (seenParagraphs.has(passage.paragraph)) continue;
    seenParagraphs.add(passage.paragraph);
    for (const sentence of passage.paragraph.sentences) {
      // The first word of a sentence is capitalised whatever it is.
      for (const token of tokenize(sentence.text).slice(1)) {
        const term = processTerm(token);
        if (!term) continue;
        const count = counts.get(term) ?? { all: 0, capitalised: 0 };
        count.all++;
        if (/^\p{Lu}/u.test(token)) count.capitalised++;
        counts.set(term, count);
      }
    }
  }
  return counts;
}

/**
 * Share (0–1) of the subjects' weight (rarer words weigh more) that an article names anywhere,
 * its headline included; 1 when the question names none. An answer from a story that never
 * names the question's subject is almost never right.
 */
export function subjectShare(
  index: PassageIndex,
  subjects: readonly string[],
  article: Article,
): number {
  if (subjects.length === 0) return 1;
  const passages = index.passagesOf(article);
  let total = 0;
  let named = 0;
  for (const term of subjects) {
    const weight = index.idf(term);
    total += weight;
    if (passages.some((passage) => index.passageHasTerm(passage, term))) named += weight;
  }
  return total > 0 ? named / total : 1;
}
