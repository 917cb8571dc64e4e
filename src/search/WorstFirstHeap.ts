/** An entry of a ranking. */
export interface Ranked {
  id: number;
  score: number;
  /** When it was found: of equal scores, the earlier find ranks first. */
  order: number;
}

/**
 * Keeps the best `capacity` entries pushed, the worst of them at the root, so picking the top
 * few of many found passages costs one comparison for most of them. The entries live in typed
 * arrays: a search pushes hundreds, and an object for each would be garbage to collect.
 */
export class WorstFirstHeap {
  private readonly ids: Uint32Array;
  private readonly scores: Float64Array;
  private readonly orders: Uint32Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.ids = new Uint32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.orders = new Uint32Array(capacity);
  }

  /** Whether it holds `capacity` entries, so a push drops one. */
  get isFull(): boolean {
    return this.size >= this.capacity;
  }

  /** The lowest score kept; -Infinity while empty. */
  get worstScore(): number {
    return this.size === 0 ? Number.NEGATIVE_INFINITY : (this.scores[0] as number);
  }

  /**
   * Keeps an entry if it is among the best `capacity` so far, dropping the worst when full. A
   * caller pushing many can skip, without a call, any score at or below {@link worstScore} of a
   * full heap: those are never kept, as the earlier find wins a tie.
   */
  push(id: number, score: number, order: number): void {
    if (this.capacity === 0) return;
    if (this.size === this.capacity && !this.ranksBelow(0, score, order)) return;
    let i: number;
    if (this.size < this.capacity) {
      i = this.size++;
      // Sift up: the new entry rises while it ranks below its parent.
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.ranksBelowAt(score, order, parent)) break;
        this.move(parent, i);
        i = parent;
      }
    } else {
      i = 0;
      // Sift down: the new root sinks while a child ranks below it.
      for (;;) {
        const left = 2 * i + 1;
        let worst = -1;
        if (left < this.size && this.ranksBelow(left, score, order)) worst = left;
        const right = left + 1;
        if (right < this.size) {
          const below =
            worst < 0 ? this.ranksBelow(right, score, order) : this.entryBelowEntry(right, left);
          if (below) worst = right;
        }
        if (worst < 0) break;
        this.move(worst, i);
        i = worst;
      }
    }
    this.ids[i] = id;
    this.scores[i] = score;
    this.orders[i] = order;
  }

  /** The kept entries, best first. */
  bestFirst(): Ranked[] {
    const entries: Ranked[] = [];
    for (let i = 0; i < this.size; i++) {
      entries.push({
        id: this.ids[i] as number,
        score: this.scores[i] as number,
        order: this.orders[i] as number,
      });
    }
    return entries.sort((a, b) => b.score - a.score || a.order - b.order);
  }

  /** Whether the entry at `i` ranks below one with this score and order. */
  private ranksBelow(i: number, score: number, order: number): boolean {
    const held = this.scores[i] as number;
    return held < score || (held === score && (this.orders[i] as number) > order);
  }

  /** Whether an entry with this score and order ranks below the entry at `i`. */
  private ranksBelowAt(score: number, order: number, i: number): boolean {
    const held = this.scores[i] as number;
    return score < held || (score === held && order > (this.orders[i] as number));
  }

  /** Whether the entry at `i` ranks below the entry at `j`. */
  private entryBelowEntry(i: number, j: number): boolean {
    return this.ranksBelow(i, this.scores[j] as number, this.orders[j] as number);
  }

  private move(from: number, to: number): void {
    this.ids[to] = this.ids[from] as number;
    this.scores[to] = this.scores[from] as number;
    this.orders[to] = this.orders[from] as number;
  }
}
