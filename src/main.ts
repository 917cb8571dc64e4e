import { loadConfig, secretsOf } from './config.js';
import { createLogger } from './createLogger.js';
import { installProcessHandlers } from './installProcessHandlers.js';
import { isThisBuildStale } from './isBuildStale.js';
import { openServing } from './run/openServing.js';

/**
 * `npm start`: reads the configuration and picks a way of running. With a Discord token the
 * bot (or, with SHARD_PROCESSES, the manager of its shard processes), without one the terminal
 * console over the articles folder, so a new user sees answers with nothing to set up. With
 * DATABASE_URL, either answers from the database. Each way's wiring lives in `src/run/`.
 */
async function main(): Promise<number> {
  if (isThisBuildStale())
    process.stderr.write(
      'The code changed since it was last built; run npm run build to use the new version.\n',
    );
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(
      `newsdesk can't start, the configuration has problems:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    return 1;
  }
  const { config } = loaded;
  const bot = Boolean(config.discordToken);
  const logger = createLogger(config.logLevel, { secrets: secretsOf(config) });
  if (bot) installProcessHandlers(logger);
  const opened = await openServing(config, logger, (problem) =>
    process.stderr.write(`${problem}\n`),
  );
  if (!opened.ok) {
    process.stderr.write(`${opened.problem}\n`);
    return 1;
  }
  const { serving } = opened;
  try {
    if (!bot) {
      const { runTerminal } = await import('./run/runTerminal.js');
      return await runTerminal(config, serving, logger);
    }
    if ((config.shardProcesses ?? 1) > 1 && !config.managed) {
      const { runManager } = await import('./run/runManager.js');
      return await runManager(config, serving, logger);
    }
    const { runBot } = await import('./run/runBot.js');
    return await runBot(config, serving, logger);
  } finally {
    await serving.close();
  }
}

process.exitCode = await main();
// A shard process talks to its ShardingManager over an IPC channel, which would keep it alive.
if (process.connected) process.disconnect();
