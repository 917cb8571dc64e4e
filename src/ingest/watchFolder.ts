import { type FSWatcher, watch } from 'node:fs';

/** Options for {@link watchFolder}. */
export interface WatchFolderOptions {
  /** Quiet time after the last change before `onChanged` hears of the burst. */
  debounceMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Follows a folder and its subfolders, and tells `onChanged` which files (paths relative to
 * it, `/`-separated) were added, changed, removed or renamed, a burst of changes at once. Hidden
 * files are never articles, so they are left out. Bursts never overlap: one that comes while
 * the last is handled waits for it.
 */
export function watchFolder(
  dir: string,
  onChanged: (relativePaths: string[]) => Promise<void>,
  options: WatchFolderOptions = {},
): { close(): Promise<void> } {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let handling: Promise<void> = Promise.resolve();
  const flush = () => {
    const paths = [...changed];
    changed.clear();
    handling = handling.then(() => onChanged(paths)).catch((error) => options.onError?.(error));
  };
  const watcher: FSWatcher = watch(dir, { recursive: true }, (_event, name) => {
    if (!name || /(^|[/\\])\./.test(name)) return;
    changed.add(name.split('\\').join('/'));
    clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs ?? 300);
  });
  watcher.on('error', (error) => options.onError?.(error));
  return {
    close: async () => {
      watcher.close();
      clearTimeout(timer);
      await handling;
    },
  };
}
