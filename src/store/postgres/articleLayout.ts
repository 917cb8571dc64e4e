import type { Article, Paragraph } from '../../corpus/types.js';

/**
 * An article's paragraphs and sentences as offsets into its text, stored beside it so that a
 * question rebuilds the articles it quotes without splitting their sentences again, which cost
 * more than the rest of reading them. A JSON array of numbers: per paragraph, its kind (0 body,
 * 1 heading), start, end and sentence count, then each sentence's start and end.
 */
export function layoutOf(article: Article): string | null {
  const numbers: number[] = [];
  for (const paragraph of article.paragraphs) {
    numbers.push(paragraph.kind === 'heading' ? 1 : 0, paragraph.start, paragraph.end);
    numbers.push(paragraph.sentences.length);
    for (const sentence of paragraph.sentences) numbers.push(sentence.start, sentence.end);
  }
  const layout = JSON.stringify(numbers);
  // Kept only when it rebuilds the very paragraphs: anything else is split again when read.
  const rebuilt = paragraphsFromLayout(article.text, layout);
  return rebuilt && JSON.stringify(rebuilt) === JSON.stringify(article.paragraphs) ? layout : null;
}

/** The paragraphs a layout describes, as splitting the text gives them; undefined if it is damaged. */
export function paragraphsFromLayout(text: string, layout: string): Paragraph[] | undefined {
  let numbers: unknown;
  try {
    numbers = JSON.parse(layout);
  } catch {
    return undefined;
  }
  if (!Array.isArray(numbers) || !numbers.every((n) => Number.isInteger(n))) return undefined;
  const paragraphs: Paragraph[] = [];
  let heading: string | undefined;
  let at = 0;
  const next = () => numbers[at++] as number;
  while (at < numbers.length) {
    const isHeading = next() === 1;
    const start = next();
    const end = next();
    const count = next();
    if (at + count * 2 > numbers.length || end > text.length || start > end) return undefined;
    const sentences = [];
    for (let i = 0; i < count; i++) {
      const sentenceStart = next();
      const sentenceEnd = next();
      sentences.push({
        start: sentenceStart,
        end: sentenceEnd,
        text: text.slice(sentenceStart, sentenceEnd),
      });
    }
    const blockText = text.slice(start, end);
    const paragraph: Paragraph = {
      number: paragraphs.length + 1,
      kind: isHeading ? 'heading' : 'body',
      start,
      end,
      text: blockText,
      sentences,
    };
    if (heading && !isHeading) paragraph.heading = heading;
    if (isHeading) heading = blockText;
    paragraphs.push(paragraph);
  }
  return paragraphs;
}
