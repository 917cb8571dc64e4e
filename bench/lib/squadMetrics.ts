/**
 * SQuAD's answer normalisation (Rajpurkar et al., 2016, official evaluation script): lower
 * case, punctuation and the articles a/an/the removed, white space collapsed.
 */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, '')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether any gold answer, normalised, occurs in the normalised text: a plain substring test,
 * as the benchmark's definition says ("18" counts inside "18-karat", which normalises to "18karat").
 */
export function containsAnswer(text: string, answers: readonly string[]): boolean {
  const haystack = normalizeAnswer(text);
  return answers.some((answer) => {
    const needle = normalizeAnswer(answer);
    return needle !== '' && haystack.includes(needle);
  });
}
