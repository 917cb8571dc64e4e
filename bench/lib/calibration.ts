/**
 * Calibration helpers for the quality benchmark: a logistic regression fitted to answers'
 * confidence signals, and the reliability table that checks the result.
 */

/** Fits `P(correct) = 1 / (1 + e^-(bias + w·x))` by gradient descent on standardised inputs. */
export function fitLogistic(
  rows: readonly Record<string, number>[],
  labels: readonly boolean[],
  { iterations = 3000, rate = 0.5 } = {},
): Record<string, number> {
  const keys = Object.keys(rows[0] ?? {});
  const means = keys.map((k) => rows.reduce((s, r) => s + (r[k] ?? 0), 0) / rows.length);
  const spreads = keys.map((k, j) => {
    const m = means[j] as number;
    const variance = rows.reduce((s, r) => s + ((r[k] ?? 0) - m) ** 2, 0) / rows.length;
    return Math.sqrt(variance) || 1;
  });
  const x = rows.map((r) =>
    keys.map((k, j) => ((r[k] ?? 0) - (means[j] as number)) / (spreads[j] as number)),
  );
  const w = keys.map(() => 0);
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    const grad = keys.map(() => 0);
    let gradB = 0;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i] as number[];
      let z = b;
      for (let j = 0; j < w.length; j++) z += (w[j] as number) * (xi[j] as number);
      const error = 1 / (1 + Math.exp(-z)) - (labels[i] ? 1 : 0);
      for (let j = 0; j < w.length; j++) grad[j] = (grad[j] as number) + error * (xi[j] as number);
      gradB += error;
    }
    for (let j = 0; j < w.length; j++)
      w[j] = (w[j] as number) - (rate * (grad[j] as number)) / x.length;
    b -= (rate * gradB) / x.length;
  }
  // Back to the signals' own units, so the weights apply to raw values.
  const weights: Record<string, number> = {};
  let bias = b;
  keys.forEach((k, j) => {
    const wj = (w[j] as number) / (spreads[j] as number);
    weights[k] = wj;
    bias -= wj * (means[j] as number);
  });
  return { bias, ...weights };
}

/** One row of a reliability table: answers whose confidence fell in `[from, to)`. */
export interface ReliabilityRow {
  bucket: string;
  answers: number;
  meanConfidence: number;
  /** Share of those answers that held the gold answer. */
  correct: number;
}

/** Groups answers by a key and reports how often each group was right. */
export function reliabilityTable(
  answers: readonly { confidence: number; correct: boolean }[],
  bucketOf: (confidence: number) => string,
  order: readonly string[],
): ReliabilityRow[] {
  return order.map((bucket) => {
    const inBucket = answers.filter((a) => bucketOf(a.confidence) === bucket);
    const n = inBucket.length;
    return {
      bucket,
      answers: n,
      meanConfidence: n ? inBucket.reduce((s, a) => s + a.confidence, 0) / n : 0,
      correct: n ? inBucket.filter((a) => a.correct).length / n : 0,
    };
  });
}
