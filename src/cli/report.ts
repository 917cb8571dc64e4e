import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { FeedbackStore } from '../feedback/FeedbackStore.js';
import { summarizeFeedback } from '../feedback/summarizeFeedback.js';
import { renderFeedbackReportText } from '../render/renderFeedbackReport.js';

/**
 * `npm run report [-- --guild ID] [-- --json]`: what readers asked that the articles did not
 * answer, from the feedback kept under DATA_DIR.
 */
function main(): number {
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(`Configuration problem: ${loaded.problems.join('; ')}\n`);
    return 2;
  }
  let values: { guild?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      options: { guild: { type: 'string' }, json: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message.split('\n')[0]} Usage: npm run report -- [--guild ID] [--json]\n`,
    );
    return 2;
  }
  const { dataDir } = loaded.config;
  let read: ReturnType<typeof FeedbackStore.readFrom>;
  try {
    read = FeedbackStore.readFrom(dataDir);
  } catch {
    process.stderr.write(`Can't read the feedback in ${dataDir}.\n`);
    return 1;
  }
  const summary = summarizeFeedback(read.records, values.guild);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, skipped: read.skipped })}\n`);
  } else if (read.records.length === 0) {
    process.stdout.write(
      `No feedback yet in ${dataDir}. The Discord bot keeps it as readers ask and vote.\n`,
    );
  } else {
    process.stdout.write(`${renderFeedbackReportText(summary, read.skipped)}\n`);
  }
  return 0;
}

process.exitCode = main();
