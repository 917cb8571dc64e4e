import { loadConfig, secretsOf } from '../config.js';
import { createLogger } from '../createLogger.js';
import { isThisBuildStale } from '../isBuildStale.js';
import { createAsk } from '../run/createAsk.js';
import { runCli } from './runCli.js';

/** `npm run --silent cli -- <command>`: the JSON CLI for scripts and benchmarks. */
if (isThisBuildStale())
  process.stderr.write(
    'The code changed since it was last built; run npm run build to use the new version.\n',
  );
const loaded = loadConfig();
if (!loaded.ok) {
  process.stderr.write(`Configuration problem: ${loaded.problems.join('; ')}\n`);
  process.exitCode = 2;
} else {
  const { config } = loaded;
  const logger = createLogger(config.logLevel, { secrets: secretsOf(config) });
  process.exitCode = await runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    logger,
    makeAsk: (source) => createAsk(config.llm, source, { logger }),
    maxFileBytes: loaded.config.maxFileBytes,
    ...(config.database ? { database: config.database } : {}),
    cacheDir: loaded.config.cacheDir,
    ingest: {
      fetch: {
        allowPrivate: loaded.config.allowPrivateUrls,
        timeoutMs: loaded.config.fetchTimeoutMs,
      },
      addScope: loaded.config.addScope,
      dataDir: loaded.config.dataDir,
      feedsFile: loaded.config.feedsFile,
      feedPollMs: loaded.config.feedPollMs,
      feedHostPauseMs: loaded.config.feedHostPauseMs,
    },
  });
}
