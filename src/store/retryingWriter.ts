import type { ArchiveWriter, WriteOutcome } from './ArchiveWriter.js';

/** How long to wait before trying the kept writes again: at first, and at most. */
const RETRY_MS = { first: 1000, most: 30_000 };

/** A write kept for when the archive is back. */
type Kept =
  | { kind: 'sync'; paths: readonly string[] }
  | { kind: 'remove'; ids: readonly string[] }
  | { kind: 'server'; guildId: string };

/**
 * An {@link ArchiveWriter} for a running process that never drops a write because the archive
 * was away (restarting, unreachable): the write is kept, in order, and made again with a
 * growing pause until the archive takes it. Its outcome then says `later`. A write refused for
 * another reason is not retried. Files are read again when the write is made, so a kept write
 * stores the folder as it is then.
 */
export function retryingWriter(
  inner: ArchiveWriter,
  hooks: { onKept?: (problem: string) => void; onCaughtUp?: (writes: number) => void } = {},
): ArchiveWriter & { waiting(): number; stop(): Promise<void> } {
  const kept: Kept[] = [];
  let pause = RETRY_MS.first;
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;

  const run = (write: Kept): Promise<WriteOutcome> =>
    write.kind === 'sync'
      ? inner.sync(write.paths)
      : write.kind === 'remove'
        ? inner.remove(write.ids)
        : inner.removeServer(write.guildId);

  const drain = async (): Promise<void> => {
    let done = 0;
    while (kept.length > 0) {
      const outcome = await run(kept[0] as Kept);
      if (!outcome.ok && outcome.away) {
        timer = setTimeout(() => void retry(), pause);
        timer.unref();
        pause = Math.min(pause * 2, RETRY_MS.most);
        return;
      }
      // Made, or refused for good (a file gone bad meanwhile): either way it is settled.
      kept.shift();
      done++;
    }
    pause = RETRY_MS.first;
    if (done > 0) hooks.onCaughtUp?.(done);
  };
  const retry = (): Promise<void> => {
    timer = undefined;
    draining ??= drain().finally(() => {
      draining = undefined;
    });
    return draining;
  };

  /** Tries what is kept once more, and stops retrying; what is still kept is then lost. */
  const stop = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    await draining;
    if (kept.length > 0) await retry();
    if (timer) clearTimeout(timer);
    timer = undefined;
  };

  /** Makes a write now, unless earlier ones wait (order matters); keeps it when the archive is away. */
  const attempt = async (write: Kept): Promise<WriteOutcome> => {
    if (kept.length === 0) {
      const outcome = await run(write);
      if (outcome.ok || !outcome.away) return outcome;
      hooks.onKept?.(outcome.problem);
      kept.push(write);
      if (!timer && !draining) {
        timer = setTimeout(() => void retry(), pause);
        timer.unref();
      }
      return { ...outcome, later: true };
    }
    kept.push(write);
    return { ok: false, problem: 'earlier changes are still waiting for the archive', later: true };
  };

  return {
    // A sync loads the files as they are when it is made, so it is safe to make again.
    sync: (paths) => attempt({ kind: 'sync', paths }),
    remove: (ids) => attempt({ kind: 'remove', ids }),
    removeServer: (guildId) => attempt({ kind: 'server', guildId }),
    ...(inner.feeds ? { feeds: inner.feeds } : {}),
    waiting: () => kept.length,
    stop,
    close: async () => {
      await stop();
      await inner.close();
    },
  };
}
