import { loadConfig } from './config';
import { runConsole } from './console/runConsole';
import { loadCorpus } from './corpus/loadCorpus';
import { createLogger } from './createLogger';
import { describeLoadFailure } from './describeLoadFailure';
import { PassageIndex } from './search/PassageIndex';

/**
 * `npm start`: with a Discord token the bot (not built yet), without one the terminal console
 * over the articles folder, so a new user sees answers with nothing to set up.
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
  if (config.discordToken) {
    process.stderr.write(
      'DISCORD_TOKEN is set, but Discord support is not built yet. Unset it to use the terminal console.\n',
    );
    return 1;
  }

  let corpus: Awaited<ReturnType<typeof loadCorpus>>;
  try {
    corpus = await loadCorpus(config.seedsDir, { maxFileBytes: config.maxFileBytes });
  } catch (error) {
    process.stderr.write(`${describeLoadFailure(config.seedsDir, error)}\n`);
    return 1;
  }
  for (const { path, reason } of corpus.skipped)
    process.stderr.write(`Skipped ${path}: ${reason}.\n`);
  for (const { path, message } of corpus.warnings)
    process.stderr.write(`Note on ${path}: ${message}.\n`);

  const index = new PassageIndex(corpus);
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

process.exitCode = await main();
