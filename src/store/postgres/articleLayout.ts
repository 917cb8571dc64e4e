import { paragraphsOfBlocks } from '../../corpus/splitPassages.js';
import type { Range } from '../../corpus/trimRange.js';
import type { Article, Paragraph } from '../../corpus/types.js';

/**
 * An article's paragraphs and sentences as offsets into its text, stored beside it so that a
 * question rebuilds the articles it quotes without splitting their sentences again, which cost
 * more than the rest of reading them. A JSON array of numbers: per paragraph, its start, end and
 * sentence count, then each sentence's start and end within the paragraph.
 */
export function layoutOf(article: Article): string | null {
  const numbers: number[] = [];
  for (const paragraph of article.paragraphs) {
    numbers.push(paragraph.start, paragraph.end, paragraph.sentences.length);
    for (const sentence of paragraph.sentences)
      numbers.push(sentence.start - paragraph.start, sentence.end - paragraph.start);
  }
  const layout = JSON.stringify(numbers);
  // Kept only when it rebuilds the very paragraphs: anything else is split again when read.
  const rebuilt = paragraphsFromLayout(article.text, layout);
  return rebuilt && JSON.stringify(rebuilt) === JSON.stringify(article.paragraphs) ? layout : null;
}

/**
 * The paragraphs a layout describes, built as splitting the text builds them; undefined if the
 * layout is damaged.
 */
export function paragraphsFromLayout(text: string, layout: string): Paragraph[] | undefined {
  let numbers: unknown;
  try {
    numbers = JSON.parse(layout);
  } catch {
    return undefined;
  }
  if (!Array.isArray(numbers) || !numbers.every((n) => Number.isInteger(n))) return undefined;
  const blocks: Range[] = [];
  const sentences: Range[][] = [];
  for (let at = 0; at < numbers.length; ) {
    const [start, end, count] = numbers.slice(at, at + 3) as number[];
    at += 3;
    if (end === undefined || count === undefined || at + count * 2 > numbers.length)
      return undefined;
    if (start === undefined || start > end || end > text.length) return undefined;
    const spans: Range[] = [];
    for (let i = 0; i < count; i++, at += 2)
      spans.push({ start: numbers[at] as number, end: numbers[at + 1] as number });
    blocks.push({ start, end });
    sentences.push(spans);
  }
  return paragraphsOfBlocks(text, blocks, (_, block) => sentences[block] ?? []);
}
