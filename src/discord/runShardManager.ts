import { REST, ShardingManager } from 'discord.js';
import type { Logger } from 'pino';
import { loadCommands } from './loadCommands.js';
import { registerCommands } from './registerCommands.js';

/** The argument that tells a shard process how many gateway shards there are in all. */
export const TOTAL_SHARDS_ARG = '--newsdesk-total-shards';

/** What the manager needs. */
export interface ShardManagerOptions {
  /** The entry point each shard process runs (this program's own). */
  file: string;
  /** Node options for the children, e.g. a loader when running from sources. */
  execArgv: string[];
  token: string;
  processes: number;
  applicationId?: string;
  guildId?: string;
  apiUrl?: string;
  logger: Logger;
}

/** A running manager. */
export interface RunningManager {
  /** Gateway shards in all, spread over the processes. */
  totalShards: number;
  manager: ShardingManager;
  /**
   * Sends SIGTERM to every shard process (each finishes the answers under way, as a single
   * bot does), waits up to `graceMs` for them to exit, then kills those left.
   */
  stop(graceMs: number): Promise<{ killed: number }>;
}

/**
 * SHARD_PROCESSES: discord.js's own ShardingManager starts one child process per group of
 * gateway shards and restarts any that dies. Discord's recommended shard count is fetched
 * once; process k of N runs shards k, k+N, k+2N… of the total (Discord's rule puts a guild on
 * shard `(guild_id >> 22) % total`). The slash commands are registered here, once, and the
 * children skip it.
 */
export async function runShardManager(options: ShardManagerOptions): Promise<RunningManager> {
  const { logger } = options;
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const gateway = (await rest.get('/gateway/bot')) as { shards?: number };
  const totalShards = Math.max(options.processes, gateway.shards ?? 1);
  const applicationId =
    options.applicationId ?? ((await rest.get('/applications/@me')) as { id: string }).id;
  const commands = await loadCommands();
  const registered = await registerCommands(commands.values(), {
    rest,
    applicationId,
    ...(options.guildId ? { guildId: options.guildId } : {}),
  });
  logger.info(
    { count: registered.count, sent: registered.registered },
    registered.registered ? 'registered slash commands' : 'slash commands unchanged',
  );

  const manager = new ShardingManager(options.file, {
    token: options.token,
    totalShards: options.processes,
    mode: 'process',
    respawn: true,
    execArgv: options.execArgv,
    shardArgs: [TOTAL_SHARDS_ARG, String(totalShards)],
  });
  manager.on('shardCreate', (shard) => {
    // The pid lets an operator (and the tests) tell a shard process from tsx's helper.
    shard.on('spawn', (child) =>
      logger.info(
        { process: shard.id, pid: 'pid' in child ? child.pid : undefined },
        'shard process started',
      ),
    );
    shard.on('death', () => {
      if (manager.respawn) logger.warn({ process: shard.id }, 'shard process died; restarting it');
    });
  });
  await manager.spawn({ amount: options.processes, delay: 0, timeout: 60_000 });
  logger.info({ processes: options.processes, totalShards }, 'all shard processes ready');

  return {
    totalShards,
    manager,
    stop: async (graceMs) => {
      manager.respawn = false;
      const exits = [...manager.shards.values()].map((shard) => {
        const child = shard.process;
        if (!child || child.exitCode !== null) return Promise.resolve(true);
        return new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve(true);
          });
          child.kill('SIGTERM');
        });
      });
      const done = await Promise.all(exits);
      let killed = 0;
      for (const [i, exited] of done.entries()) {
        if (exited) continue;
        killed++;
        [...manager.shards.values()][i]?.process?.kill('SIGKILL');
      }
      return { killed };
    },
  };
}

/**
 * The shards a child process runs: k, k+N, k+2N… out of `total`, where k is its process
 * number and N the number of processes.
 */
export function shardsOfProcess(
  process: number,
  processes: number,
  total: number,
): { ids: number[]; count: number } {
  const ids: number[] = [];
  for (let id = process; id < total; id += processes) ids.push(id);
  return { ids, count: total };
}
