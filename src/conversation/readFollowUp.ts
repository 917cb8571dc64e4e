import { readSubjects } from '../answer/readSubjects.js';
import { processTerm, tokenize } from '../search/analyzeText.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import type { FollowUp, Turn } from './types.js';

/**
 * Words that point back at something said before: a question holding one leans on the turn
 * before it, whatever else it names.
 */
const POINTING_WORDS = new Set([
  'he',
  'him',
  'his',
  'she',
  'her',
  'hers',
  'it',
  'its',
  'they',
  'them',
  'their',
  'theirs',
  'there',
  'then',
  'that',
  'this',
  'those',
  'these',
  'instead',
  'also',
  'else',
]);

/** Openings of a fragment completed from the question before: "and in 2004?", "what about …". */
const FRAGMENT_OPENING = /^\s*(and|but|also|so|or|what about|how about|and what about)\b/i;

/** A question without a word that asks (who, how, is, did, …) is a fragment of one. */
const ASKING_WORD =
  /\b(who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|could|will|would|has|have|had|should|may|might)\b/i;

/** Passages read to tell a name from a common word in a question typed in lower case. */
const SUBJECT_PASSAGES = 10;

/** How many of its rarest words stand for a question that names nobody. */
const RAREST_WORDS = 2;

/**
 * Reads a question in the light of the conversation before it, by general rules over the
 * question's subjects and wording, with no rule for any one question:
 * - a question that names a subject of its own, points back at nothing ("he", "there",
 *   "instead") and is no fragment ("and in 2004?", "what about the French team?", "why?")
 *   starts afresh; so does one whose names appear in none of the articles the turn before
 *   cited, whatever words it uses ("that" and "it" are as often not pointing back at all);
 * - otherwise the subjects of the turn before carry over: that turn's own, or, when it named
 *   none, those it carried itself, so on a third turn the most recent subject is the one that
 *   carries; and the articles the turn before cited are preferred.
 * The first question of a conversation, and one that starts afresh, is read exactly as alone.
 */
export function readFollowUp(
  index: PassageIndex,
  before: readonly Turn[],
  question: string,
): FollowUp {
  const own = subjectsOf(index, question);
  const previous = before.at(-1);
  const leans =
    previous !== undefined &&
    previous.subjects.length > 0 &&
    (own.named.length === 0 ||
      ((pointsBack(question) || isFragment(question)) &&
        !namesAnotherStory(index, own.named, previous.articleIds)));
  if (!previous || !leans) {
    return { standalone: question, carried: [], subjects: own.subjects, preferArticles: [] };
  }
  const mentioned = new Set(tokenize(question).map((t) => processTerm(t)));
  const carried = previous.subjects.filter(
    (subject) => !tokenize(subject).every((t) => mentioned.has(processTerm(t))),
  );
  return {
    standalone: carried.length > 0 ? withSubjects(question, carried) : question,
    carried,
    // The subject that carries on is the newest one: this question's names, else the carried.
    subjects: own.named.length > 0 ? own.subjects : previous.subjects,
    preferArticles: previous.articleIds,
  };
}

/**
 * A question's subjects as written: its names (words the question or the articles capitalise,
 * see readSubjects), joined where they stand together ("Andy Hayman"); failing any name, its
 * rarest words. `named` holds the names alone.
 */
function subjectsOf(
  index: PassageIndex,
  question: string,
): { named: string[]; subjects: string[] } {
  const names = new Set(readSubjects(question, index.search(question, SUBJECT_PASSAGES)));
  const named = phrases(question, (token) => names.has(processTerm(token) ?? ''));
  if (named.length > 0) return { named, subjects: named };
  const rarest = tokenize(question)
    .filter((token) => processTerm(token) !== null)
    .sort((a, b) => index.idf(processTerm(b) as string) - index.idf(processTerm(a) as string))
    .slice(0, RAREST_WORDS);
  const chosen = new Set(rarest);
  return { named: [], subjects: phrases(question, (token) => chosen.has(token)) };
}

/**
 * Whether none of the names appears in the articles the turn before cited: the question is
 * then about another story. False when that turn cited nothing, which cannot tell.
 */
function namesAnotherStory(
  index: PassageIndex,
  names: readonly string[],
  articleIds: readonly string[],
): boolean {
  if (articleIds.length === 0) return false;
  const cited = new Set(articleIds);
  const articles = index.corpus.articles.filter((a) => cited.has(a.id));
  const terms = names.flatMap((name) =>
    tokenize(name)
      .map((t) => processTerm(t))
      .filter((t): t is string => t !== null),
  );
  return !articles.some((article) =>
    index
      .passagesOf(article)
      .some((passage) => terms.some((term) => index.passageHasTerm(passage, term))),
  );
}

/** Runs of neighbouring tokens that `keep` holds for, each as one phrase. */
function phrases(question: string, keep: (token: string) => boolean): string[] {
  const found: string[] = [];
  let run: string[] = [];
  for (const token of tokenize(question)) {
    if (keep(token)) run.push(token);
    else if (run.length > 0) {
      found.push(run.join(' '));
      run = [];
    }
  }
  if (run.length > 0) found.push(run.join(' '));
  return [...new Set(found)];
}

function pointsBack(question: string): boolean {
  return tokenize(question).some((token) => POINTING_WORDS.has(token.toLowerCase()));
}

function isFragment(question: string): boolean {
  return FRAGMENT_OPENING.test(question) || !ASKING_WORD.test(question) || wordCount(question) <= 2;
}

function wordCount(question: string): number {
  return tokenize(question).length;
}

/** "how old is he?" + ["Ray Charles"] → "how old is he — about Ray Charles?" */
function withSubjects(question: string, subjects: readonly string[]): string {
  const core = question.trim().replace(/[\s?.!]+$/u, '');
  return `${core} — about ${subjects.join(', ')}?`;
}
