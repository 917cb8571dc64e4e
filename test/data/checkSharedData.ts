import { existsSync } from 'node:fs';
import { bbcDir, sharedDataDir, squadFile } from './sharedData.js';

/**
 * Vitest global setup of the data tier: without the real corpora it stops at once with one
 * line saying what is missing and where it comes from, instead of a page of ENOENT failures.
 */
export default function checkSharedData(): void {
  const missing = [bbcDir, squadFile].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `npm run test:data needs the real corpora in ${sharedDataDir} (BBC News Summary and SQuAD v1.1 dev, see its README); missing: ${missing.join(', ')}`,
    );
  }
}
