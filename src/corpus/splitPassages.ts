import { splitSentences } from './splitSentences.js';
import { type Range, trimRange } from './trimRange.js';
import type { Paragraph } from './types.js';

/** The headline line and the paragraphs of one article's text. */
export interface SplitArticle {
  /** The first non-empty line, when the caller asked for the headline to be taken from the text. */
  headline?: string;
  paragraphs: Paragraph[];
}

/** Options for {@link splitPassages}. */
export interface SplitPassagesOptions {
  /**
   * Take the first non-empty line as the headline rather than as part of the first paragraph.
   * A first line too long to be a headline stays a paragraph and no headline is returned.
   */
  headlineFromFirstLine: boolean;
}

/** Longest single line still read as a section heading rather than a paragraph. */
const MAX_HEADING_CHARS = 150;
/** Longest first line still read as a headline; anything longer is body text. */
const MAX_HEADLINE_CHARS = 250;
const FINAL_PUNCTUATION = /[.!?:;…"'”’)\]]$/u;

/**
 * Splits article text into paragraphs on blank lines and each paragraph into sentences, keeping
 * every offset relative to `text`. A one-line paragraph without final punctuation is a section
 * heading: it gives context to the paragraphs below it but is never itself an answer.
 */
export function splitPassages(text: string, options: SplitPassagesOptions): SplitArticle {
  const blocks = findBlocks(text);
  let headline: string | undefined;
  if (options.headlineFromFirstLine && blocks.length > 0) {
    const first = blocks[0] as Block;
    const lineEnd = text.indexOf('\n', first.start);
    const headlineEnd = lineEnd === -1 || lineEnd > first.end ? first.end : lineEnd;
    if (headlineEnd - first.start <= MAX_HEADLINE_CHARS) {
      headline = text.slice(first.start, headlineEnd).trim();
      const rest = trimRange(text, headlineEnd, first.end);
      blocks.splice(0, 1, ...(rest ? [rest] : []));
    }
  }

  const paragraphs = paragraphsOfBlocks(text, blocks, (blockText) => splitSentences(blockText));
  return headline === undefined ? { paragraphs } : { headline, paragraphs };
}

/**
 * The paragraphs of `text` made of its blocks (trimmed runs of lines): each one a heading or a
 * body paragraph with its sentences, which `sentencesOf` gives as spans of the block's own text.
 * Shared by splitting and by rebuilding an article from sentence spans stored before.
 */
export function paragraphsOfBlocks(
  text: string,
  blocks: readonly Range[],
  sentencesOf: (blockText: string, block: number) => readonly Range[],
): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let heading: string | undefined;
  blocks.forEach((block, index) => {
    const blockText = text.slice(block.start, block.end);
    const isHeading =
      !blockText.includes('\n') &&
      blockText.length <= MAX_HEADING_CHARS &&
      !FINAL_PUNCTUATION.test(blockText);
    const paragraph: Paragraph = {
      number: paragraphs.length + 1,
      kind: isHeading ? 'heading' : 'body',
      start: block.start,
      end: block.end,
      text: blockText,
      sentences: isHeading
        ? []
        : sentencesOf(blockText, index).map((span) => ({
            start: block.start + span.start,
            end: block.start + span.end,
            text: blockText.slice(span.start, span.end),
          })),
    };
    if (heading && !isHeading) paragraph.heading = heading;
    if (isHeading) heading = blockText;
    paragraphs.push(paragraph);
  });
  return paragraphs;
}

type Block = Range;

/** Runs of non-blank lines, trimmed of surrounding white space. */
function findBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const blankLine = /\n[ \t\f\v\u00a0]*\n/g;
  let from = 0;
  for (const match of text.matchAll(blankLine)) {
    const block = trimRange(text, from, match.index);
    if (block) blocks.push(block);
    from = match.index + match[0].length;
  }
  const last = trimRange(text, from, text.length);
  if (last) blocks.push(last);
  return blocks;
}
