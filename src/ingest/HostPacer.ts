import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Keeps requests to one host one at a time, with a pause between them, so following a busy
 * feed never looks like an attack on its site. Requests to different hosts do not wait.
 */
export class HostPacer {
  private readonly pauseMs: number;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(pauseMs: number) {
    this.pauseMs = pauseMs;
  }

  /** Runs `task` once every earlier task for the same host has finished and paused. */
  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    let host: string;
    try {
      host = new URL(url).host;
    } catch {
      return task();
    }
    const before = this.queues.get(host) ?? Promise.resolve();
    const result = before.then(task);
    const settled = result
      .catch(() => undefined)
      .then(() => (this.pauseMs > 0 ? sleep(this.pauseMs) : undefined));
    this.queues.set(host, settled);
    void settled.then(() => {
      if (this.queues.get(host) === settled) this.queues.delete(host);
    });
    return result;
  }
}
