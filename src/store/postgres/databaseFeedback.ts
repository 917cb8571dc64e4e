import { createHmac, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { FeedbackLog } from '../../feedback/FeedbackLog.js';
import type { FeedbackRecord } from '../../feedback/FeedbackStore.js';

/** How long to wait before writing waiting records again, at first and at most. */
const RETRY_MS = { first: 500, most: 10_000 };

/** The database's feedback log, and how to let go of it. */
export interface DatabaseFeedback extends FeedbackLog {
  /** Records not yet written (the database was away): they are written when it returns. */
  waiting(): number;
  /** Tries once more to write what is waiting, and stops retrying. */
  close(): Promise<void>;
}

/**
 * Feedback in the `feedback` table, shared by every process and host. A record that cannot be
 * written (the database restarting) waits in memory and is written, in order, as soon as the
 * database answers again: a vote cast during a restart is kept. `onProblem` hears, once per
 * outage, why writing stopped.
 */
export async function openDatabaseFeedback(
  pool: pg.Pool,
  onProblem: (error: unknown) => void = () => {},
): Promise<DatabaseFeedback> {
  await pool.query(
    'INSERT INTO feedback_key (only_row, key) VALUES (true, $1) ON CONFLICT DO NOTHING',
    [randomBytes(32).toString('hex')],
  );
  const { rows } = await pool.query<{ key: string }>('SELECT key FROM feedback_key');
  const key = Buffer.from(rows[0]?.key ?? '', 'hex');
  const pending: FeedbackRecord[] = [];
  let retryMs = RETRY_MS.first;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let closed = false;

  const writeWaiting = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending.slice(0, 100);
      try {
        await insert(pool, batch);
      } catch (error) {
        if (retryMs === RETRY_MS.first) onProblem(error);
        if (!closed) {
          timer = setTimeout(flush, retryMs);
          timer.unref();
        }
        retryMs = Math.min(retryMs * 2, RETRY_MS.most);
        return;
      }
      pending.splice(0, batch.length);
      retryMs = RETRY_MS.first;
    }
  };
  /** One writer at a time, so records keep their order. */
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    writing ??= writeWaiting().finally(() => {
      writing = undefined;
    });
    return writing;
  };

  return {
    hashUser: (userId) => createHmac('sha256', key).update(userId).digest('hex').slice(0, 16),
    hasVoted: async (messageId, userHash) => {
      if (
        pending.some(
          (r) => r.kind === 'vote' && r.messageId === messageId && r.userHash === userHash,
        )
      )
        return true;
      try {
        const { rows } = await pool.query(
          "SELECT 1 FROM feedback WHERE kind = 'vote' AND message_id = $1 AND user_hash = $2",
          [messageId, userHash],
        );
        return rows.length > 0;
      } catch {
        // The unique index still keeps a second vote out when the records are written.
        return false;
      }
    },
    append: async (record) => {
      pending.push(record);
      await flush();
    },
    read: async () => {
      const { rows } = await pool.query<Row>(
        `SELECT kind, vote, question, answer, citations, time, guild_id, user_hash, message_id,
           composer FROM feedback ORDER BY time, id`,
      );
      return { records: [...rows.map(recordOf), ...pending], skipped: 0 };
    },
    waiting: () => pending.length,
    close: async () => {
      closed = true;
      await flush();
      if (timer) clearTimeout(timer);
    },
  };
}

interface Row {
  kind: FeedbackRecord['kind'];
  vote: 'up' | 'down' | null;
  question: string;
  answer: string;
  citations: FeedbackRecord['citations'];
  time: Date;
  guild_id: string | null;
  user_hash: string;
  message_id: string | null;
  composer: 'llm' | 'extractive' | null;
}

function recordOf(row: Row): FeedbackRecord {
  return {
    kind: row.kind,
    ...(row.vote ? { vote: row.vote } : {}),
    question: row.question,
    answer: row.answer,
    citations: row.citations,
    time: row.time.toISOString(),
    guildId: row.guild_id,
    userHash: row.user_hash,
    ...(row.message_id ? { messageId: row.message_id } : {}),
    ...(row.composer ? { composer: row.composer } : {}),
  };
}

async function insert(pool: pg.Pool, records: readonly FeedbackRecord[]): Promise<void> {
  await pool.query(
    `INSERT INTO feedback (kind, vote, question, answer, citations, time, guild_id, user_hash,
       message_id, composer)
     SELECT r.kind, r.vote, r.question, r.answer, coalesce(r.citations, '[]'::jsonb), r.time,
       r."guildId", r."userHash", r."messageId", r.composer
     FROM jsonb_to_recordset($1::jsonb) AS r(kind text, vote text, question text, answer text,
       citations jsonb, time timestamptz, "guildId" text, "userHash" text, "messageId" text,
       composer text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(records)],
  );
}
