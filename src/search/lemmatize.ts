import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * What WordNet's morphology needs to find a word's dictionary form: the irregular forms of
 * verbs and nouns, and which base words are verbs or nouns at all.
 */
export interface WordForms {
  verbExceptions: Record<string, string>;
  nounExceptions: Record<string, string>;
  /** The base words that can be verbs, sorted, one per line: quicker to read than an array. */
  verbs: string;
  /** The base words that can be nouns, likewise. */
  nouns: string;
}

/**
 * Where the build writes the word forms, beside the compiled code (`dist/`). Running from
 * the TypeScript sources there is none, and they are derived from wink-lexicon instead.
 */
export const WORD_FORMS_FILE = new URL('../../wordnet-forms.json', import.meta.url);

/**
 * Running from the TypeScript sources (tests, benchmarks), the forms a build left in `dist/`
 * are read if there are any, so those runs start as the compiled code does; the tests hold
 * them equal to wink-lemmatizer.
 */
const BUILT_WORD_FORMS_FILE = new URL('../../dist/wordnet-forms.json', import.meta.url);

/**
 * Picks out of wink-lexicon (WordNet 3.0) what {@link lemmatize} uses. Evaluating the
 * lexicon's 2.7 MB of JavaScript takes about 0.2 s, a JSON file of this a tenth of that, which
 * is most of what one question from the CLI costs.
 */
export function deriveWordForms(): WordForms {
  const require = createRequire(import.meta.url);
  const words = require('wink-lexicon/src/wn-words.js') as Record<string, number>;
  const senses = require('wink-lexicon/src/wn-word-senses.js') as number[][];
  const verbs: string[] = [];
  const nouns: string[] = [];
  for (const [word, index] of Object.entries(words)) {
    const kinds = senses[index] ?? [];
    // wink-lexicon numbers WordNet's lexicographer files: 3-28 hold nouns, 29-43 verbs.
    if (kinds.some((k) => k > 28 && k < 44)) verbs.push(word);
    if (kinds.some((k) => k > 2 && k < 29)) nouns.push(word);
  }
  return {
    verbExceptions: exceptions(require('wink-lexicon/src/wn-verb-exceptions.js')),
    nounExceptions: exceptions(require('wink-lexicon/src/wn-noun-exceptions.js')),
    verbs: verbs.sort().join('\n'),
    nouns: nouns.sort().join('\n'),
  };
}

/** An exception list without empty entries, which wink-lemmatizer passes over too. */
function exceptions(list: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(list).filter(([, lemma]) => lemma));
}

interface Morphology {
  verbExceptions: Map<string, string>;
  nounExceptions: Map<string, string>;
  verbs: SortedWords;
  nouns: SortedWords;
}

/**
 * A sorted word list searched by halves: splitting the list and searching it costs less than
 * building a set of 60,000 words would at every start.
 */
class SortedWords {
  private readonly words: string[];

  constructor(lines: string) {
    this.words = lines.split('\n');
  }

  has(word: string): boolean {
    let low = 0;
    let high = this.words.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.words[middle] as string;
      if (found === word) return true;
      if (found < word) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}

let morphology: Morphology | undefined;

/** The word forms, read at first use: from the build's file, else from wink-lexicon. */
function loadMorphology(): Morphology {
  let forms: WordForms | undefined;
  for (const file of [WORD_FORMS_FILE, BUILT_WORD_FORMS_FILE]) {
    try {
      forms = JSON.parse(readFileSync(file, 'utf8')) as WordForms;
      break;
    } catch {
      // Not built: the next place, then wink-lexicon itself.
    }
  }
  forms ??= deriveWordForms();
  return {
    verbExceptions: new Map(Object.entries(forms.verbExceptions)),
    nounExceptions: new Map(Object.entries(forms.nounExceptions)),
    verbs: new SortedWords(forms.verbs),
    nouns: new SortedWords(forms.nouns),
  };
}

const VERB_ENDINGS: readonly [RegExp, string][] = [
  [/s$/, ''],
  [/ies$/, 'y'],
];

const NOUN_ENDINGS: readonly [RegExp, string][] = [
  [/s$/, ''],
  [/ses$/, 's'],
  [/xes$/, 'x'],
  [/zes$/, 's'],
  [/ves$/, 'f'],
  [/ches$/, 'ch'],
  [/shes$/, 'sh'],
  [/men$/, 'man'],
  [/ies$/, 'y'],
];

/**
 * The dictionary form of a lower-case word as a verb ("held" → "hold"), else as a noun
 * ("children" → "child"), else the word: WordNet's Morphy exactly as wink-lemmatizer's
 * `verb` and then `noun` apply it (a test holds the two equal), without its load time.
 */
export function lemmatize(word: string): string {
  morphology ??= loadMorphology();
  const { verbExceptions, nounExceptions, verbs, nouns } = morphology;

  const verb = verbExceptions.get(word) ?? verbByEnding(word, verbs);
  if (verb !== word) return verb;

  const noun = nounExceptions.get(word);
  if (noun) return noun;
  for (const [ending, by] of NOUN_ENDINGS) {
    const lemma = word.replace(ending, by);
    if (lemma.length !== word.length && nouns.has(lemma)) return lemma;
  }
  return word;
}

/** A regular verb's base form: "-s", "-ies", then "-es", "-ed", "-ing" with or without "e". */
function verbByEnding(word: string, verbs: SortedWords): string {
  for (const [ending, by] of VERB_ENDINGS) {
    const lemma = word.replace(ending, by);
    if (lemma.length !== word.length && verbs.has(lemma)) return lemma;
  }
  const stripped = word.replace(/es$|ed$|ing$/, '');
  if (stripped.length !== word.length) {
    if (verbs.has(stripped)) return stripped;
    if (verbs.has(`${stripped}e`)) return `${stripped}e`;
  }
  return word;
}
