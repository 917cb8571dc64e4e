/** A half-open range of character offsets, `[start, end)`. */
export interface Range {
  start: number;
  end: number;
}

/** Narrows `[start, end)` of `text` to exclude white space at both ends; undefined when blank. */
export function trimRange(text: string, start: number, end: number): Range | undefined {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end > start ? { start, end } : undefined;
}
