import { type FSWatcher, watch } from 'node:fs';
import type { PassageIndex } from '../search/PassageIndex.js';
import { type OpenIndexOptions, openIndex } from './openIndex.js';

/** Options for {@link LiveIndex}. */
export interface LiveIndexOptions extends OpenIndexOptions {
  /** Quiet time after the last change before rebuilding, so a burst of changes is one rebuild. */
  debounceMs?: number;
  /** Told after each rebuild is swapped in. */
  onReload?: (info: { articles: number; ms: number }) => void;
  /** Told when a rebuild failed; the previous index stays in use. */
  onError?: (error: unknown) => void;
}

/**
 * The index of an articles folder that follows the folder: adding, changing, removing or
 * renaming a file rebuilds the index beside the one in use and swaps it in at once, so
 * questions asked during a rebuild are answered from the previous index. A burst of changes
 * leads to one rebuild.
 */
export class LiveIndex {
  private index: PassageIndex;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private rebuilding: Promise<void> | undefined;
  private pending = false;
  private readonly options: LiveIndexOptions;

  private constructor(
    private readonly dir: string,
    index: PassageIndex,
    options: LiveIndexOptions,
  ) {
    this.index = index;
    this.options = options;
  }

  /** Opens the folder's index (from the cache when it is current) and starts following it. */
  static async open(
    dir: string,
    options: LiveIndexOptions = {},
  ): Promise<{ live: LiveIndex; source: 'cache' | 'built' }> {
    const { index, source } = await openIndex(dir, options);
    const live = new LiveIndex(dir, index, options);
    live.watcher = watch(dir, { recursive: true }, (_event, name) => {
      // Hidden files are never articles (and may be our own cache, if it lives inside).
      if (name && /(^|[/\\])\./.test(name)) return;
      live.schedule();
    });
    live.watcher.on('error', (error) => options.onError?.(error));
    return { live, source };
  }

  /** The index to answer from now. */
  current(): PassageIndex {
    return this.index;
  }

  /** Stops following the folder; a rebuild under way still finishes. */
  async close(): Promise<void> {
    this.watcher?.close();
    clearTimeout(this.timer);
    this.pending = false;
    await this.rebuilding;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.rebuild(), this.options.debounceMs ?? 300);
  }

  private rebuild(): void {
    if (this.rebuilding) {
      this.pending = true;
      return;
    }
    const started = Date.now();
    this.rebuilding = openIndex(this.dir, this.options)
      .then(({ index }) => {
        this.index = index;
        this.options.onReload?.({ articles: index.articleCount, ms: Date.now() - started });
      })
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.rebuilding = undefined;
        if (this.pending) {
          this.pending = false;
          this.rebuild();
        }
      });
  }
}
