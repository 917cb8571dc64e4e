import { existsSync } from 'node:fs';
import path from 'node:path';
import { bbcDir, sharedDataDir, squadFile, webFeedsDir, webPagesDir } from './sharedData.js';

/**
 * Vitest global setup of the data tier: without the real corpora it stops at once with one
 * line saying what is missing and where it comes from, instead of a page of ENOENT failures.
 */
export default function checkSharedData(): void {
  const missing = [bbcDir, squadFile, webPagesDir, webFeedsDir].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    // One line and a failing exit, not a stack trace: nothing here can run without them.
    process.stderr.write(
      `npm run test:data needs the real corpora in ${sharedDataDir}: the BBC News Summary dataset, the SQuAD v1.1 dev set and the web pages and feeds (see its README.md). Missing: ${missing.map((file) => path.relative(sharedDataDir, file)).join(', ')}.\n`,
    );
    process.exit(1);
  }
}
