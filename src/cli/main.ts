import { loadConfig } from '../config.js';
import { createLogger } from '../createLogger.js';
import { isThisBuildStale } from '../isBuildStale.js';
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
  process.exitCode = await runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    logger: createLogger(loaded.config.logLevel),
    maxFileBytes: loaded.config.maxFileBytes,
    cacheDir: loaded.config.cacheDir,
    ingest: {
      fetch: {
        allowPrivate: loaded.config.allowPrivateUrls,
        timeoutMs: loaded.config.fetchTimeoutMs,
      },
      dataDir: loaded.config.dataDir,
      feedsFile: loaded.config.feedsFile,
      feedPollMs: loaded.config.feedPollMs,
      feedHostPauseMs: loaded.config.feedHostPauseMs,
    },
  });
}
