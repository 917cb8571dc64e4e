/**
 * The facts a sentence states that must be found in the passages it cites: numbers (in
 * figures or words, with their scale: "$1.4bn" is 1.4 billion dollars) and names (capitalised
 * words that are not ordinary words opening a sentence). Both sides are read the same way, so
 * "seventy-one" meets "71" and "1.4 billion dollars" meets "$1.4bn".
 */

const UNITS: Record<string, number> = {
  zero: 0,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = {
  hundred: 1e2,
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
  dozen: 12,
};
/** "one" is left out: "one of them" states no count, and a model may write it freely. */
const NUMBER_WORD = `(?:(?:${Object.keys(TENS).join('|')})(?:[- ](?:${Object.keys(UNITS).join('|')}|one))?|${Object.keys(UNITS).join('|')})`;
const SCALE_WORD = '(?:hundred|thousand|million|billion|trillion|bn|mn|tn|m|k|b|dozen)';
const NUMBER_PATTERN = new RegExp(
  `(\\d+(?:[.,]\\d+)*)(?:\\s?(${SCALE_WORD})\\b)?|\\b(${NUMBER_WORD})\\b(?:\\s(${SCALE_WORD})\\b)?|\\b(a|one)\\s(${SCALE_WORD})\\b`,
  'gi',
);

/**
 * Every number in a text, each as the values it may stand for: as written, and times its scale
 * word when it has one (so "1.4bn" gives 1.4 and 1.4e9). Ordinal endings and units are left
 * aside ("3rd" is 3, "25lb" is 25).
 */
export function readNumbers(text: string): number[][] {
  const found: number[][] = [];
  for (const match of text.matchAll(NUMBER_PATTERN)) {
    const [, digits, digitScale, words, wordScale, article, articleScale] = match;
    let value: number | undefined;
    let scale: string | undefined;
    if (digits !== undefined) {
      value = readDigits(digits);
      scale = digitScale;
    } else if (words !== undefined) {
      value = readNumberWords(words);
      scale = wordScale;
    } else if (article !== undefined) {
      value = 1;
      scale = articleScale;
    }
    if (value === undefined || Number.isNaN(value)) continue;
    const multiplier = scale ? SCALES[scale.toLowerCase()] : undefined;
    found.push(multiplier ? [value, round(value * multiplier)] : [value]);
  }
  return found;
}

/** "1,400" is 1400 and "1.4" is 1.4; "2,5" (a decimal comma) is read as 2.5. */
function readDigits(digits: string): number {
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits)) return Number(digits.replace(/,/g, ''));
  return Number(digits.replace(',', '.'));
}

function readNumberWords(words: string): number {
  const parts = words.toLowerCase().split(/[- ]/);
  let value = 0;
  for (const part of parts) value += TENS[part] ?? UNITS[part] ?? (part === 'one' ? 1 : 0);
  return value;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Whether a number of a sentence (any of its values) is among the passages' numbers. */
export function numberIsIn(values: readonly number[], known: ReadonlySet<number>): boolean {
  return values.some((value) => known.has(round(value)));
}

/** The set of every value the numbers of a text may stand for. */
export function numberValues(text: string): Set<number> {
  return new Set(readNumbers(text).flat().map(round));
}

/**
 * Words that open many sentences or are capitalised by habit, never names: a sentence may
 * start with them, and a title or month is checked as a date or left to the other checks.
 */
const NOT_NAMES = new Set(
  (
    'a an the this that these those it its he she they we you i his her their our your there here ' +
    'in on at by for from to of with without after before during since until as and but or so if ' +
    'when while where who whom whose what which why how according also however meanwhile yes no ' +
    'mr mrs ms dr sir lord lady prof st mp mps'
  ).split(' '),
);

/**
 * The names a sentence states: capitalised words other than the first word of the sentence
 * (which is capitalised anyway) and habitually capitalised small words. A possessive "'s" is
 * dropped, so "Blair's" is the name Blair.
 */
export function readNames(sentence: string): string[] {
  const names: string[] = [];
  let first = true;
  for (const match of sentence.matchAll(/[\p{L}\p{M}\p{N}'’-]+/gu)) {
    const word = match[0];
    const opensSentence = first || /[.!?:"“]\s*$/.test(sentence.slice(0, match.index));
    first = false;
    if (!/^\p{Lu}/u.test(word)) continue;
    const name = word.replace(/['’]s$/u, '');
    if (NOT_NAMES.has(name.toLowerCase())) continue;
    if (opensSentence) continue;
    names.push(name);
  }
  return names;
}

/**
 * Whether a name occurs in the passages' words, allowing for how names are spelled in
 * different places ("Zelensky" and "Zelenskyy"): the same word ignoring case and accents, or,
 * for a word of five letters or more, one within one edit or sharing all but a short ending
 * ("Argentina" and "Argentine").
 */
export function nameIsIn(name: string, words: ReadonlySet<string>): boolean {
  const key = foldName(name);
  if (words.has(key)) return true;
  if (key.length < 5) return false;
  for (const word of words) {
    if (Math.abs(word.length - key.length) > 2 || word[0] !== key[0]) continue;
    if (withinOneEdit(word, key)) return true;
    const shared = sharedPrefix(word, key);
    if (shared >= 5 && shared >= Math.max(word.length, key.length) - 2) return true;
  }
  return false;
}

/** The words of a text as names are compared: lower case, accents and possessives dropped. */
export function nameWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of text.matchAll(/[\p{L}\p{M}\p{N}'’-]+/gu)) {
    const word = foldName(match[0]);
    words.add(word);
    // "Al-Jazeera" may be written as two words, and "Jean-Marie" as one of its halves.
    for (const part of word.split('-')) if (part) words.add(part);
  }
  return words;
}

function foldName(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]s$/u, '')
    .replace(/['’]/gu, "'")
    .toLowerCase();
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Whether two words differ by at most one insertion, deletion or substitution. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
