import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Keeps requests to one host one at a time, with a pause between them, so following a busy
 * feed never looks like an attack on its site. Requests to different hosts do not wait, and
 * requests to this machine (only reachable with ALLOW_PRIVATE_URLS, i.e. a test server) go one
 * at a time without the pause: there is no one else's site to spare.
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
    const pause = isThisMachine(host) ? 0 : this.pauseMs;
    const settled = result
      .catch(() => undefined)
      .then(() => (pause > 0 ? sleep(pause) : undefined));
    this.queues.set(host, settled);
    void settled.then(() => {
      if (this.queues.get(host) === settled) this.queues.delete(host);
    });
    return result;
  }
}

function isThisMachine(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}
