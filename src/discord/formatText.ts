import { escapeMarkdown } from 'discord.js';
import type { QuotedSentence } from '../answer/types';

/**
 * Article text shown as written: Markdown characters are escaped so `*stars*` or `# hash`
 * stay literal, and mentions are broken with a zero-width space as a second guard behind
 * `allowed_mentions`, so they read as text and can never ping.
 */
export function escapeText(text: string): string {
  return escapeMarkdown(text)
    .replace(/@(everyone|here)/g, '@\u200b$1')
    .replace(/<([@#][!&]?\d+)>/g, '<\u200b$1>');
}

/** Quoted sentences as Discord Markdown: escaped, key phrases in bold, `[n]` markers. */
export function formatQuotedSentences(sentences: readonly QuotedSentence[]): string {
  return sentences
    .map((s, i) => {
      const text = `${s.cutBefore ? '…' : ''}${boldKeyPhrases(s)}${s.cutAfter ? '…' : ''}`;
      return sentences[i + 1]?.citation === s.citation ? text : `${text} [${s.citation}]`;
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
