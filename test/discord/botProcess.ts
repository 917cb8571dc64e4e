import { type ChildProcess, spawn } from 'node:child_process';
import { projectRoot } from '../helpers.js';
import type { FakeDiscord } from './fakeDiscord.js';

/** A bot process started from the sources against the loopback Discord. */
export interface BotProcess {
  child: ChildProcess;
  /** Its exit code, once it has exited. */
  exited: Promise<number | null>;
  /** Everything it wrote so far: stderr, and stdout too when asked for. */
  output(): string;
  /** Its log lines so far, parsed (lines that are not JSON are left out). */
  logs: Record<string, unknown>[];
  /** Kills it at once, if it still runs, and stops its time limit. */
  stop(): void;
}

/**
 * Starts `src/main.ts` with a token and the loopback Discord's address, the parent's
 * environment without its guild and client ids, plus `env`. The process is killed after
 * `killAfterMs` whatever happens, so a test that hangs cannot leave it behind.
 */
export function spawnBot(
  fake: FakeDiscord,
  env: Record<string, string>,
  { killAfterMs, withStdout = false }: { killAfterMs: number; withStdout?: boolean },
): BotProcess {
  const { DISCORD_GUILD_ID: _guild, DISCORD_CLIENT_ID: _client, ...parentEnv } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: {
      ...parentEnv,
      DISCORD_TOKEN: 'the-secret-token.value',
      DISCORD_API_URL: fake.apiUrl,
      ...env,
    },
    stdio: ['ignore', withStdout ? 'pipe' : 'ignore', 'pipe'],
  });
  let output = '';
  let pending = '';
  const logs: Record<string, unknown>[] = [];
  const collect = (chunk: Buffer | string) => {
    output += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim().startsWith('{')) logs.push(JSON.parse(line));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return {
    child,
    exited,
    output: () => output,
    logs,
    stop: () => {
      clearTimeout(killer);
      child.kill('SIGKILL');
    },
  };
}
