/** How long a shutdown waits for answers under way before disconnecting anyway. */
export const SHUTDOWN_GRACE_MS = 5000;

/** Resolves at the first SIGINT or SIGTERM; listened to early, so one during start-up counts. */
export function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
