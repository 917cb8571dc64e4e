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
  const candidates = new Map<string, string>();
  for (const token of tokens) {
    const term = processTerm(token);
    if (term && !/^\d/.test(term)) candidates.set(wordOf(token), term);
  }
  const inArticles = capitalisationIn(hits, candidates);
  const subjects = new Set<string>();
  for (const token of tokens) {
    const term = candidates.get(wordOf(token));
    if (!term) continue;
    const seen = inArticles.get(wordOf(token));
    const namedHere = questionIsCased && /^\p{Lu}/u.test(token);
    const namedThere = seen !== undefined && seen.capitalised >= NAME_CAPITALISED_SHARE * seen.all;
    // The articles overrule a capital the question gives a common word ("Which Film won").
    if (namedThere || (namedHere && (seen === undefined || seen.capitalised > 0))) {
      subjects.add(term);
    }
  }
  return [...subjects];
}

/** A token as a word to compare: lower case, without a possessive "'s". */
function wordOf(token: string): string {
  return token.toLowerCase().replace(/['’]s$/u, '');
}

/**
 * For each of the question's words: how often the found passages use it inside a sentence,
 * and how often capitalised. The words are looked for directly in the text rather than by
 * tokenising every passage, which would cost as much as the rest of the answer.
 */
function capitalisationIn(
  hits: readonly PassageHit[],
  words: ReadonlyMap<string, string>,
): Map<string, { all: number; capitalised: number }> {
  const counts = new Map<string, { all: number; capitalised: number }>();
  const seenParagraphs = new Set<unknown>();
  for (const { passage } of hits) {
    if (seenParagraphs.has(passage.paragraph)) continue;
    seenParagraphs.add(passage.paragraph);
    const text = passage.paragraph.text;
    const lower = text.toLowerCase();
    for (const word of words.keys()) {
      for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
        const before = at > 0 ? lower[at - 1] : ' ';
        const after = lower[at + word.length] ?? ' ';
        if (WORD_CHAR.test(before as string) || WORD_CHAR.test(after)) continue;
        // The first word of a sentence is capitalised whatever it is.
        if (/(^|[.!?]["'”’)]*)\s*$/u.test(text.slice(Math.max(0, at - 4), at))) continue;
        const count = counts.get(word) ?? { all: 0, capitalised: 0 };
        count.all++;
        if (/\p{Lu}/u.test(text[at] as string)) count.capitalised++;
        counts.set(word, count);
      }
    }
  }
  return counts;
}

/** A character that continues a word, so a match inside a longer word is not the word. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

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
