/**
 * A typed array that grows as numbers are pushed: a build that collects millions of numbers
 * keeps them in a few compact buffers instead of a JavaScript array of boxed values.
 */
export class GrowingArray<T extends Uint32Array | Uint16Array> {
  private items: T;
  /** Number of items pushed. */
  length = 0;

  constructor(private readonly make: (length: number) => T) {
    this.items = make(1024);
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const larger = this.make(this.items.length * 2);
      larger.set(this.items);
      this.items = larger;
    }
    this.items[this.length++] = value;
  }

  /** The item at a position already pushed. */
  at(index: number): number {
    return this.items[index] as number;
  }

  /** A copy of the items, exactly as long as needed. */
  toArray(): T {
    return this.items.slice(0, this.length) as T;
  }
}
