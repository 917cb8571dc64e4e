/** An entry of a ranking. */
export interface Ranked {
  id: number;
  score: number;
  /** When it was found: of equal scores, the earlier find ranks first. */
  order: number;
}

/** Whether `a` ranks below `b`. */
function ranksBelow(a: Ranked, b: Ranked): boolean {
  return a.score < b.score || (a.score === b.score && a.order > b.order);
}

/**
 * Keeps the best `capacity` entries pushed, the worst of them at the root, so picking the top
 * few of many found passages costs one comparison for most of them.
 */
export class WorstFirstHeap {
  private readonly items: Ranked[] = [];

  constructor(private readonly capacity: number) {}

  /** Whether it holds `capacity` entries, so a push drops one. */
  get isFull(): boolean {
    return this.items.length >= this.capacity;
  }

  /** The lowest score kept; -Infinity while empty. */
  get worstScore(): number {
    return this.items[0]?.score ?? Number.NEGATIVE_INFINITY;
  }

  /** Whether an entry with this score, found at this point, would be kept if pushed now. */
  admits(score: number, order: number): boolean {
    const worst = this.items[0];
    if (this.items.length < this.capacity) return true;
    return (
      worst !== undefined && (worst.score < score || (worst.score === score && worst.order > order))
    );
  }

  /** Keeps an entry that {@link admits} allowed, dropping the worst if full. */
  push(entry: Ranked): void {
    const items = this.items;
    if (items.length < this.capacity) {
      items.push(entry);
      let i = items.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!ranksBelow(items[i] as Ranked, items[parent] as Ranked)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    items[0] = entry;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      let worst = i;
      for (const child of [left, left + 1]) {
        if (child < items.length && ranksBelow(items[child] as Ranked, items[worst] as Ranked))
          worst = child;
      }
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  /** The kept entries, best first. */
  bestFirst(): Ranked[] {
    return [...this.items].sort((a, b) => (ranksBelow(a, b) ? 1 : ranksBelow(b, a) ? -1 : 0));
  }

  private swap(i: number, j: number): void {
    const items = this.items;
    const held = items[i] as Ranked;
    items[i] = items[j] as Ranked;
    items[j] = held;
  }
}
