import { splitSentences } from '../corpus/splitSentences.js';
import type { ContextPassage } from './buildContext.js';
import { defuseMentions, LINK, removeLinks, stripMarkdown } from './defuseText.js';
import { PROMPT } from './prompt.js';
import {
  nameIsIn,
  nameWords,
  numberIsIn,
  numberValues,
  readNames,
  readNumbers,
} from './readFacts.js';

/** One sentence of a model's reply that passed every check, and the passages it cites. */
export interface CheckedSentence {
  /** The sentence as shown: markers removed, mentions defused, foreign links removed. */
  text: string;
  /** The passage numbers it cites, in the order given, each once. */
  passages: number[];
}

/** Why a sentence of a reply was not shown. */
export type DropReason =
  | 'uncited'
  | 'unknown-passage'
  | 'number-not-in-passages'
  | 'name-not-in-passages'
  | 'echoes-instructions';

/** What a reply comes to once checked against the passages it was given. */
export interface ReplyCheck {
  /** The model said, in the fixed form, that the passages do not answer the question. */
  declined: boolean;
  sentences: CheckedSentence[];
  dropped: { text: string; reason: DropReason }[];
}

/**
 * Checks a model's reply against the passages it was sent, sentence by sentence, before anyone
 * sees it: every sentence must cite passages that were sent, and every number and name in it
 * must appear in the passages it cites. A sentence that fails is dropped, not mended. Mentions
 * are defused and links not found in the cited passages removed from what is kept. Citations
 * may be written `[1]`, `[1][2]` or `[1, 2]`, before or after the full stop.
 */
export function checkReply(reply: string, passages: readonly ContextPassage[]): ReplyCheck {
  const cleaned = stripMarkdown(
    reply
      // Reasoning models served by Ollama or llama.cpp may think aloud first.
      .replace(/<think>[\s\S]*?(<\/think>|$)/gi, '')
      .replace(/\r\n?/g, '\n'),
  )
    // "… said. [1]" → "… said [1]." so the marker stays with its sentence.
    .replace(/([.!?])((?:\s*\[\s*\d+(?:\s*[,;–-]\s*\d+)*\s*\])+)/g, '$2$1')
    .trim();
  const result: ReplyCheck = { declined: false, sentences: [], dropped: [] };
  if (isDecline(cleaned)) return { ...result, declined: true };

  const facts = passages.map(factsOf);
  for (const line of cleaned.split(/\n+/)) {
    for (const span of splitSentences(line)) {
      const sentence = line.slice(span.start, span.end);
      if (isDecline(sentence)) continue;
      const checked = checkSentence(sentence, facts);
      if ('reason' in checked) result.dropped.push({ text: sentence, reason: checked.reason });
      else if (checked.text) result.sentences.push(checked);
    }
  }
  result.declined = result.sentences.length === 0 && mentionsDecline(cleaned);
  return result;
}

/** What a passage's body says, read once for every sentence that cites it. */
interface PassageFacts {
  text: string;
  numbers: Set<number>;
  names: Set<string>;
}

function factsOf(passage: ContextPassage): PassageFacts {
  const body = passage.paragraphs.map((p) => p.text).join('\n');
  // The headline and the date given in the heading are part of what the model was told.
  const told = `${passage.article.title}\n${passage.text.split('\n', 1)[0] ?? ''}`;
  return {
    text: body,
    numbers: numberValues(`${body}\n${passage.article.title}\n${dateOf(told)}`),
    names: nameWords(`${body}\n${told}`),
  };
}

/** The date in a passage's heading (`[1] "Title", 3 Mar 2005, paragraph 2` → `3 Mar 2005`). */
function dateOf(heading: string): string {
  return heading.match(/", (\d{1,2} \w{3} \d{4}),/)?.[1] ?? '';
}

const MARKER = /\[\s*(\d+(?:\s*[,;–-]\s*\d+)*)\s*\]/g;

function checkSentence(
  sentence: string,
  facts: readonly PassageFacts[],
): CheckedSentence | { reason: DropReason } {
  const cited: number[] = [];
  for (const [, list = ''] of sentence.matchAll(MARKER)) {
    for (const part of list.split(/\s*[,;]\s*/)) {
      const [from, to = from] = part.split(/\s*[–-]\s*/).map(Number) as [number, number?];
      for (let n = from; n <= (to as number) && n - from < 20; n++)
        if (!cited.includes(n)) cited.push(n);
    }
  }
  if (cited.length === 0) return { reason: 'uncited' };
  if (cited.some((n) => !facts[n - 1])) return { reason: 'unknown-passage' };
  const sources = cited.map((n) => facts[n - 1] as PassageFacts);
  const body = sentence
    .replace(MARKER, ' ')
    .replace(/\s+([.,;:!?])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (echoesInstructions(body)) return { reason: 'echoes-instructions' };
  const linkless = body.replace(LINK, ' ');
  for (const values of readNumbers(linkless)) {
    if (!sources.some((s) => numberIsIn(values, s.numbers)))
      return { reason: 'number-not-in-passages' };
  }
  for (const name of readNames(linkless)) {
    if (!sources.some((s) => nameIsIn(name, s.names))) return { reason: 'name-not-in-passages' };
  }
  const shown = defuseMentions(
    removeLinks(body, (url) => sources.some((s) => s.text.includes(url))),
  )
    .replace(/\s+([.,;:!?])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return { text: /[\p{L}\p{N}]/u.test(shown) ? shown : '', passages: cited };
}

/** Letters only, upper case: how a reply is compared with the fixed decline. */
function lettersOf(text: string): string {
  return text.toUpperCase().replace(/[^A-Z]/g, '');
}

const DECLINE = lettersOf(PROMPT.decline);

/** The reply is the fixed decline, give or take punctuation and case. */
function isDecline(text: string): boolean {
  const letters = lettersOf(text);
  return (
    letters === DECLINE || (letters.startsWith(DECLINE) && letters.length < DECLINE.length + 20)
  );
}

function mentionsDecline(text: string): boolean {
  return lettersOf(text).includes(DECLINE);
}

/** Runs of eight words of the instructions, to tell a sentence that repeats them. */
const INSTRUCTION_RUNS = (() => {
  const words = PROMPT.system.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const runs = new Set<string>();
  for (let i = 0; i + 8 <= words.length; i++) runs.add(words.slice(i, i + 8).join(' '));
  return runs;
})();

function echoesInstructions(sentence: string): boolean {
  const words = sentence.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  for (let i = 0; i + 8 <= words.length; i++)
    if (INSTRUCTION_RUNS.has(words.slice(i, i + 8).join(' '))) return true;
  return false;
}
