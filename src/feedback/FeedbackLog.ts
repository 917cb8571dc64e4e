import type { FeedbackRecord } from './FeedbackStore.js';

/**
 * Where votes and poorly answered questions are kept: a log file in DATA_DIR
 * (`FeedbackStore`), or, with DATABASE_URL, one table every process and host writes
 * (`databaseFeedback`). A method may answer at once or later; callers await either.
 */
export interface FeedbackLog {
  /** The hash a user id is stored as: the same person, the same hash, never their id. */
  hashUser(userId: string): string;
  /** Whether this person has already voted on this answer message. */
  hasVoted(messageId: string, userHash: string): boolean | Promise<boolean>;
  /** Keeps a record; once this settles it is kept, or waiting to be written, never dropped. */
  append(record: FeedbackRecord): void | Promise<void>;
  /** Every record kept, oldest first, and how many damaged ones were skipped. */
  read():
    | { records: FeedbackRecord[]; skipped: number }
    | Promise<{ records: FeedbackRecord[]; skipped: number }>;
}
