import type pg from 'pg';
import { answerOptionsOf } from '../../answer/Ask.js';
import type { Archive } from '../Archive.js';
import { databaseArticleStore } from './databaseArticleStore.js';
import { questionIndex } from './questionIndex.js';

/**
 * The database mode's archive: each request reads only what it needs, so every process and
 * host sees an article as soon as it is stored, and none holds the archive in memory.
 */
export function databaseArchive(pool: pg.Pool): Archive {
  return {
    articles: databaseArticleStore(pool),
    followUpIndex: (viewer) => (question, before) =>
      questionIndex(
        pool,
        question,
        answerOptionsOf({ viewer }),
        before.flatMap((turn) => turn.articleIds),
      ),
  };
}
