/**
 * ROUGE-N and ROUGE-L F1 (Lin, 2004) on lower-cased alphanumeric tokens, without stemming or
 * stop-word removal, as in the common `rouge-score` setup. Splitting on every non-alphanumeric
 * character also undoes the BBC references' sentences glued without a space ("time.She").
 */

/** Precision, recall and their harmonic mean, each 0–1. */
export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

/** Lower-cased runs of letters and digits. */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** ROUGE-N: overlap of n-grams, each counted at most as often as it occurs in the reference. */
export function rougeN(candidate: string, reference: string, n: number): RougeScore {
  const candidateGrams = nGramCounts(rougeTokens(candidate), n);
  const referenceGrams = nGramCounts(rougeTokens(reference), n);
  let overlap = 0;
  for (const [gram, count] of candidateGrams)
    overlap += Math.min(count, referenceGrams.get(gram) ?? 0);
  return score(overlap, total(candidateGrams), total(referenceGrams));
}

/** ROUGE-L: the longest common subsequence of the two token sequences. */
export function rougeL(candidate: string, reference: string): RougeScore {
  const a = rougeTokens(candidate);
  const b = rougeTokens(reference);
  return score(lcsLength(a, b), a.length, b.length);
}

function nGramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function total(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}

function lcsLength(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        a[i - 1] === b[j - 1]
          ? (previous[j - 1] as number) + 1
          : Math.max(previous[j] as number, current[j - 1] as number);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function score(overlap: number, candidateTotal: number, referenceTotal: number): RougeScore {
  const precision = candidateTotal === 0 ? 0 : overlap / candidateTotal;
  const recall = referenceTotal === 0 ? 0 : overlap / referenceTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
