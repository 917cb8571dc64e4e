import { type Config, loadConfig } from './config';
import { runConsole } from './console/runConsole';
import { loadCorpus } from './corpus/loadCorpus';
import type { Corpus } from './corpus/types';
import { createLogger } from './createLogger';
import { describeLoadFailure } from './describeLoadFailure';
import { describeLoginFailure } from './discord/describeLoginFailure';
import { startBot } from './discord/startBot';
import { installProcessHandlers } from './installProcessHandlers';
import { PassageIndex } from './search/PassageIndex';

/** How long a shutdown waits for answers under way before disconnecting anyway. */
const SHUTDOWN_GRACE_MS = 5000;

/**
 * `npm start`: with a Discord token the bot, without one the terminal console over the
 * articles folder, so a new user sees answers with nothing to set up.
 */
async function main(): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(
      `newsdesk can't start, the configuration has problems:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    return 1;
  }
  const { config } = loaded;

  let corpus: Awaited<ReturnType<typeof loadCorpus>>;
  try {
    corpus = await loadCorpus(config.seedsDir, { maxFileBytes: config.maxFileBytes });
  } catch (error) {
    process.stderr.write(`${describeLoadFailure(config.seedsDir, error)}\n`);
    return 1;
  }
  const index = new PassageIndex(corpus);
  if (config.discordToken) return runBot(config, corpus, index);

  for (const { path, reason } of corpus.skipped)
    process.stderr.write(`Skipped ${path}: ${reason}.\n`);
  for (const { path, message } of corpus.warnings)
    process.stderr.write(`Note on ${path}: ${message}.\n`);

  const count = corpus.articles.length;
  process.stdout.write(
    `newsdesk: ${count} article${count === 1 ? '' : 's'} loaded from ${config.seedsDir}. This is the terminal console; set DISCORD_TOKEN to connect to Discord.\nType a question, or /help for commands.\n\n`,
  );
  const logger = createLogger(config.logLevel);
  await runConsole({
    index,
    input: process.stdin,
    output: process.stdout,
    prompt: Boolean(process.stdin.isTTY),
    onError: (error, errorId) => logger.error({ err: error, errorId }, 'console command failed'),
  });
  return 0;
}

/** Runs the Discord bot until SIGINT or SIGTERM. */
async function runBot(config: Config, corpus: Corpus, index: PassageIndex): Promise<number> {
  const logger = createLogger(config.logLevel, { secrets: [config.discordToken ?? ''] });
  installProcessHandlers(logger);
  for (const skipped of corpus.skipped) logger.warn(skipped, 'skipped a file');
  for (const warning of corpus.warnings) logger.warn(warning, 'read a file with a problem');
  logger.info(
    { articles: corpus.articles.length, passages: index.passages.length, dir: config.seedsDir },
    'articles indexed',
  );
  // Listen before logging in, so a signal during start-up still shuts down cleanly.
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  let bot: Awaited<ReturnType<typeof startBot>>;
  try {
    bot = await startBot({
      token: config.discordToken as string,
      ...(config.discordClientId ? { applicationId: config.discordClientId } : {}),
      ...(config.discordGuildId ? { guildId: config.discordGuildId } : {}),
      ...(config.discordApiUrl ? { apiUrl: config.discordApiUrl } : {}),
      cacheDir: config.cacheDir,
      index: () => index,
      logger,
    });
  } catch (error) {
    logger.fatal({ err: error }, 'could not connect to Discord');
    process.stderr.write(`${describeLoginFailure(error)}\n`);
    return 1;
  }
  await stopRequested;
  logger.info('shutting down: finishing the answers under way');
  const { unfinished } = await bot.stop(SHUTDOWN_GRACE_MS);
  logger.info({ unfinished }, 'stopped');
  return 0;
}

process.exitCode = await main();
