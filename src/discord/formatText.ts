import { citationMarks, sameCitations } from '../answer/joinCited.js';
import type { QuotedSentence } from '../answer/types.js';

/** Markdown characters that take effect anywhere in a line. */
const INLINE_MARKDOWN = /[\\*_`~|[\]()<>]/g;
/** Markdown that takes effect at the start of a line: headings, quotes, lists. */
const LINE_START_MARKDOWN = /^(\s*)([#>-]|\d+\.(?=\s))/gm;

/**
 * Article text shown as written: Markdown characters are escaped so `*stars*` or `# hash`
 * stay literal, and mentions are broken with a zero-width space as a second guard behind
 * `allowed_mentions`, so they read as text and can never ping. Linear in the text's length
 * (discord.js's `escapeMarkdown` was measured at 0.4 s for 10,000 characters of hostile input).
 */
export function escapeText(text: string): string {
  return text
    .replace(INLINE_MARKDOWN, '\\$&')
    .replace(LINE_START_MARKDOWN, (_, space: string, mark: string) =>
      /^\d/.test(mark) ? `${space}${mark.slice(0, -1)}\\.` : `${space}\\${mark}`,
    )
    .replace(/@(everyone|here)/g, '@\u200b$1');
}

/** Quoted sentences as Discord Markdown: escaped, key phrases in bold, `[n]` markers. */
export function formatQuotedSentences(sentences: readonly QuotedSentence[]): string {
  return sentences
    .map((s, i) => {
      const text = `${s.cutBefore ? '…' : ''}${boldKeyPhrases(s)}${s.cutAfter ? '…' : ''}`;
      return sameCitations(s, sentences[i + 1]) ? text : `${text} ${citationMarks(s)}`;
    })
    .join(' ');
}

function boldKeyPhrases(sentence: QuotedSentence): string {
  const phrases = [...(sentence.keyPhrases ?? [])].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const { start, end } of phrases) {
    if (start < at) continue;
    out += escapeText(sentence.text.slice(at, start));
    out += `**${escapeText(sentence.text.slice(start, end))}**`;
    at = end;
  }
  return out + escapeText(sentence.text.slice(at));
}

/**
 * Text as a reader saw it in an embed, back to plain words: bold markers and escapes removed.
 * Used to record what a vote was about from the message itself, which outlives any restart.
 */
export function unescapeText(text: string): string {
  return text
    .replace(/(?<!\\)\*\*/g, '')
    .replace(/\\([\\*_`~|[\]()<>#.-])/g, '$1')
    .replace(/@\u200b/g, '@');
}

/** A Discord timestamp that each reader sees in their own time zone, relative ("2 hours ago"). */
export function relativeTime(iso: string): string {
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:R>`;
}
