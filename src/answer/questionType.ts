/** The kind of fact a question asks for, used to prefer sentences that contain one. */
export type QuestionType = 'number' | 'date' | 'person' | 'place' | 'other';

const PATTERNS: [QuestionType, RegExp][] = [
  [
    'date',
    /\b(when|what (year|date|day|month|time|century|decade)|which (year|date|day|month|century))\b/i,
  ],
  [
    'number',
    /\b(how (many|much|long|old|far|big|large|high|tall|often|fast)|what (percentage|percent|number|amount|proportion|share|size|price))\b/i,
  ],
  ['person', /\b(who|whom|whose)\b/i],
  [
    'place',
    /\b(where|what (city|country|place|town|region|state)|which (city|country|place|town|region|state))\b/i,
  ],
];

/** Classifies a question by its wording ("how many" → number, "when" → date, …). */
export function questionType(question: string): QuestionType {
  for (const [type, pattern] of PATTERNS) if (pattern.test(question)) return type;
  return 'other';
}

const NUMBER_WORDS =
  /\b(\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozen|half|quarter)/i;
const DATE_WORDS =
  /\b((1[0-9]|20)\d{2}s?|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|century|decade)\b/i;
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
    case 'number':
      return NUMBER_WORDS.test(sentence);
    case 'date':
      return DATE_WORDS.test(sentence);
    case 'person':
    case 'place':
      for (const [word] of sentence.matchAll(CAPITALISED)) {
        if (!questionWords.has(word.toLowerCase())) return true;
      }
      return false;
    default:
      return false;
  }
}
