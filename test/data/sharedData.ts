import path from 'node:path';
import { projectRoot } from '../helpers.js';

/**
 * The real corpora of the data tier (`npm run test:data`), kept outside the project in
 * `../shared/data`: the BBC News Summary dataset and half of the SQuAD v1.1 dev set.
 */
export const sharedDataDir = path.resolve(projectRoot, '../shared/data');
/** 2,225 BBC News articles in five topic folders. */
export const bbcDir = path.join(sharedDataDir, 'bbc-news-summary/articles');
/** The first 24 articles of the SQuAD v1.1 dev set, in SQuAD's JSON format. */
export const squadFile = path.join(sharedDataDir, 'squad/squad-v1.1-dev-half-a.json');
/** 110 pages from Readability's test suite: `source.html`, `expected.html`, `expected-metadata.json`. */
export const webPagesDir = path.join(sharedDataDir, 'web/pages');
/** 29 RSS and Atom feeds from rss-parser's test suite. */
export const webFeedsDir = path.join(sharedDataDir, 'web/feeds');
