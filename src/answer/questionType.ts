import { processTerm } from '../search/analyzeText.js';

/** The kind of fact a question asks for, used to prefer sentences that contain one. */
export type QuestionType =
  | 'money'
  | 'number'
  | 'age'
  | 'date'
  | 'person'
  | 'place'
  | 'name'
  | 'other';

const PATTERNS: [QuestionType, RegExp][] = [
  ['age', /\b(how old|what age|at what age)\b/i],
  // "How much … cost / pay / earn / worth", "what fee": a sum of money, not any number; "by how
  // much" asks for a change, often a share.
  [
    'money',
    /\bwhat (price|fee|cost|sum|salary)\b|^(?!.*\bby how much\b).*\bhow much\b.*\b(cost|costs|pay|paid|paying|pays|earn|earned|earns|worth|price|fee|salary|wages?|money|prize|compensation|fined?|raised?|raising|spend|spent|sell|sold|aid|funding|invest|invested|budget|bid|make|made|win|won|suing|charge|charged|owe|owes)\b/i,
  ],
  [
    'date',
    /\b(when|what (year|date|day|month|time|century|decade)|which (year|date|day|month|century))\b/i,
  ],
  [
    'number',
    /\b(how (many|much|long|old|far|big|large|high|tall|often|fast)|what (percentage|percent|number|amount|proportion|share|size|price|fee|cost|sum|salary|figure|total|score))\b/i,
  ],
  ['person', /\b(who|whom|whose)\b/i],
  [
    'place',
    /\b(where|what (city|country|place|town|region|state)|which (city|country|place|town|region|state))\b/i,
  ],
  // "Which journalist", "the title of", "what company": one of a kind, and news names it.
  [
    'name',
    /\b(what (company|firm|group|band|team|club|film|book|album|song|show|party|title|name)|(title|name|names) of)\b/i,
  ],
];

/** Classifies a question by its wording ("how many" → number, "when" → date, …). */
export function questionType(question: string): QuestionType {
  for (const [type, pattern] of PATTERNS) if (pattern.test(question)) return type;
  return 'other';
}

/** A sum of money as news writes it: "£102m", "$25m", "20bn yen", "3,000 euros". */
const MONEY_PHRASE =
  /[£$€¥]\s?\d|\b\d[\d,.]*\s?(bn|m)\b|\b\d[\d,.]*\s?((million|billion|trillion|thousand)\s)?(pounds|dollars|euros|yen|pence|cents|rupees|francs|yuan|roubles)\b/i;
/** Numbers as news writes them in words, for telling and for showing a quantity. */
const NUMBER_WORD =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen';
/**
 * A quantity: a number in digits, or a number word as a word of its own ("ten", "twenty-five",
 * "hundreds", "half"), not the start of another ("tennis", "quarterback", "someone").
 */
const NUMBER_WORDS = new RegExp(`\\b\\d|\\b(${NUMBER_WORD}|half|quarter)s?\\b`, 'i');
const DATE_WORDS =
  /\b((1[0-9]|20)\d{2}s?|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|century|decade)\b/i;
/** An age as news gives it: "the 31-year-old", "aged 63", "Smith, 45," or "died at 91". */
const AGE_PHRASE = /\b\d{1,3}-year-old\b|\baged \d{1,3}\b|, \d{1,3},|\b(?:at|age of) \d{1,3}\b/i;
const CAPITALISED = /(?<=[\s(“"'‘-])\p{Lu}[\p{L}'’-]+/gu;

/**
 * Whether a sentence holds the kind of fact the question asks for: a quantity, a date, or a
 * name (a capitalised word inside the sentence that the question does not already contain).
 */
export function sentenceFitsType(
  type: QuestionType,
  sentence: string,
  questionWords: ReadonlySet<string>,
): boolean {
  switch (type) {
    case 'money':
      return MONEY_PHRASE.test(sentence);
    case 'number':
      return NUMBER_WORDS.test(sentence);
    case 'age':
      return AGE_PHRASE.test(sentence);
    case 'date':
      return DATE_WORDS.test(sentence);
    case 'person':
    case 'place':
    case 'name':
      for (const [word] of sentence.matchAll(CAPITALISED)) {
        if (!namedInQuestion(word, questionWords)) return true;
      }
      return false;
    default:
      return false;
  }
}

/**
 * Whether a capitalised word of a sentence is one the question already names, in any form: the
 * same word ("Mini"), another form of it ("Ebbers'" for "ebbers") or the place of a people
 * ("Kenya's" for "Kenyan"). A word the index drops ("The", "He") names nothing. A hyphenated
 * name is named when each of its parts is, as the question's words are split at hyphens
 * ("Half-Life").
 */
function namedInQuestion(word: string, questionWords: ReadonlySet<string>): boolean {
  if (questionWords.has(word.toLowerCase())) return true;
  if (word.includes('-')) {
    return word.split('-').every((part) => part === '' || namedInQuestion(part, questionWords));
  }
  const term = processTerm(word);
  if (!term) return true;
  for (const asked of termsOf(questionWords)) {
    if (asked === term || sameRoot(term, asked)) return true;
  }
  return false;
}

/** The question's words as index terms, worked out once per question: names are checked often. */
const questionTerms = new WeakMap<ReadonlySet<string>, string[]>();

function termsOf(questionWords: ReadonlySet<string>): string[] {
  let terms = questionTerms.get(questionWords);
  if (!terms) {
    terms = [];
    for (const word of questionWords) {
      const term = processTerm(word);
      if (term) terms.push(term);
    }
    questionTerms.set(questionWords, terms);
  }
  return terms;
}

/**
 * Whether one stem is the other with a short ending added, as a people's name is its
 * country's ("kenya", "kenyan"; "itali", "italian"); short stems are left out, since "mark" is
 * not "market".
 */
function sameRoot(a: string, b: string): boolean {
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  return short.length >= 5 && long.length - short.length <= 2 && long.startsWith(short);
}

/**
 * A quantity as a phrase to show: digits with their unit, the longest unit first and only a
 * whole word of one ("3.9 million", not "3.9 m" of it; "10" of "10 men"), or number words.
 */
const NUMBER_PHRASE = new RegExp(
  `[-−£$€]?\\d[\\d,.]*(?:\\s?(?:%|°C|°F|per cent|percent|million|billion|trillion|thousand|hundred|bn|km|kg|m)(?![a-z]))?|\\b(?:${NUMBER_WORD})\\b(?:\\s(?:million|billion|thousand|hundred))?`,
  'gi',
);
const DATE_PHRASE =
  /\b(?:(?:\d{1,2}\s)?(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s\d{1,2})?(?:,?\s(?:1[0-9]|20)\d{2})?|(?:1[0-9]|20)\d{2}s?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow)\b/g;
const NAME_PHRASE = /(?<![.!?]\s|^)\p{Lu}[\p{L}'’-]+(?:\s(?:of\s|de\s|the\s)?\p{Lu}[\p{L}'’-]+)*/gu;

/** A range of characters in a sentence, `[start, end)`. */
export interface PhraseRange {
  start: number;
  end: number;
}

/**
 * Where the fact a question asks for probably is in a sentence: the quantities for "how many",
 * the dates for "when", the names the question does not already contain for "who" and
 * "where". Renderers show these in bold; an empty list means no guess.
 */
export function locateKeyPhrases(
  type: QuestionType,
  sentence: string,
  questionWords: ReadonlySet<string>,
): PhraseRange[] {
  const pattern =
    type === 'number' || type === 'age' || type === 'money'
      ? NUMBER_PHRASE
      : type === 'date'
        ? DATE_PHRASE
        : type === 'other'
          ? undefined
          : NAME_PHRASE;
  if (!pattern) return [];
  const ranges: PhraseRange[] = [];
  for (const match of sentence.matchAll(pattern)) {
    const text = match[0].trim();
    if (text === '') continue;
    if (
      pattern === NAME_PHRASE &&
      text.split(/\s+/).every((word) => questionWords.has(word.toLowerCase()))
    )
      continue;
    ranges.push({ start: match.index, end: match.index + match[0].trimEnd().length });
  }
  return ranges;
}
