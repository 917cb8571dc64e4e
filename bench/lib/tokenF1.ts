/** A text's words, lower-cased, letters and digits only: what token F1 compares. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Token F1 of two texts: how well their bags of words overlap (1 the same words as often,
 * 0 none in common). Used to hold an extracted article against the text expected of it.
 */
export function tokenF1(got: string, expected: string): number {
  const counts = new Map<string, number>();
  const expectedWords = words(expected);
  for (const word of expectedWords) counts.set(word, (counts.get(word) ?? 0) + 1);
  const gotWords = words(got);
  let common = 0;
  for (const word of gotWords) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      common++;
      counts.set(word, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / gotWords.length;
  const recall = common / expectedWords.length;
  return (2 * precision * recall) / (precision + recall);
}
