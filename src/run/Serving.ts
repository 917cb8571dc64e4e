import type { Logger } from 'pino';
import { type AnswerSource, quotedAsk } from '../answer/Ask.js';
import type { LiveIndex } from '../cache/LiveIndex.js';
import type { DeliveryRecords } from '../delivery/DeliveryRecords.js';
import { folderDeliveryRecords } from '../delivery/folderDeliveryRecords.js';
import { indexNews } from '../delivery/indexNews.js';
import type { NewsSource } from '../delivery/NewsSource.js';
import type { FeedbackLog } from '../feedback/FeedbackLog.js';
import { type Archive, memoryArchive } from '../store/Archive.js';
import type { ArchiveWriter } from '../store/ArchiveWriter.js';

/**
 * What a running process (console, bot, shard manager) answers from, whichever way it runs:
 * the articles folder's live index in memory ({@link folderServing}), or the database
 * (`openDatabaseServing`). The wiring of each way of running takes one and needs not know which.
 * Its answers (the quoted composer, and the index a question is read in) are over the same
 * articles.
 */
export interface Serving extends AnswerSource {
  /** What commands read: naming, listing, summarising and relating articles. */
  archive: Archive;
  /** The folder mode's live index, for its start-up log. */
  live?: LiveIndex;
  /** Where the news deliverer finds new articles and reads each post's article. */
  news: NewsSource;
  /** Follows, alerts, briefings and the deliverer's record: DATA_DIR's, or the database's. */
  delivery: DeliveryRecords;
  /** The database mode: what ingestion writes to the folder, it also writes here. */
  writer?: ArchiveWriter;
  /** The database mode's feedback, shared by every host; the folder mode keeps it in DATA_DIR. */
  feedback?: FeedbackLog;
  /** Articles and passages answered from, for the logs and the metrics. */
  size(): { articles: number; passages: number };
  /** Where the articles are read from, for a person: "test/seeds", "the database at db:5432". */
  where: string;
  /** For the start-up log: the index came from the cache, was built, or is the database's. */
  source: 'cache' | 'built' | 'database';
  close(): Promise<void>;
}

/**
 * The folder mode: every article in a live index, rebuilt when the folder changes; delivery's
 * records in `dataDir`.
 */
export function folderServing(
  live: LiveIndex,
  where: string,
  source: 'cache' | 'built',
  dataDir: string,
): Serving {
  return {
    archive: memoryArchive(() => live.current()),
    quoted: quotedAsk(() => live.current()),
    indexFor: () => live.current(),
    live,
    news: indexNews(() => live.current()),
    delivery: folderDeliveryRecords(dataDir),
    size: () => {
      const current = live.current();
      return { articles: current.articleCount, passages: current.passages.length };
    },
    where,
    source,
    close: () => live.close(),
  };
}

/** Logs what the process answers from, and the files of the folder it could not use. */
export function logArticles(serving: Serving, logger: Logger, extra: object = {}): void {
  const corpus = serving.live?.current().corpus;
  for (const skipped of corpus?.skipped ?? []) logger.warn(skipped, 'skipped a file');
  for (const warning of corpus?.warnings ?? []) logger.warn(warning, 'read a file with a problem');
  logger.info(
    { ...serving.size(), from: serving.where, source: serving.source, ...extra },
    'articles indexed',
  );
}
