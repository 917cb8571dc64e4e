import { createHmac, randomBytes } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { FeedbackLog } from './FeedbackLog.js';

/** One thing worth knowing about how well the articles serve the server. */
export interface FeedbackRecord {
  /** A reader's vote on an answer, or a question the bot could not answer well. */
  kind: 'vote' | 'unanswered' | 'low-confidence';
  vote?: 'up' | 'down';
  question: string;
  answer: string;
  citations: { articleId: string; passage: number }[];
  /** ISO date-time. */
  time: string;
  guildId: string | null;
  /** A keyed hash of the Discord user id: the same person gives the same hash, no one's id. */
  userHash: string;
  /** The answer message voted on, so one person counts once per answer. */
  messageId?: string;
  /** Who wrote the answer: quoted (`extractive`, and in records from before) or a model. */
  composer?: 'llm' | 'extractive';
}

/** Options for {@link FeedbackStore.open}. */
export interface FeedbackStoreOptions {
  /** When the file would grow past this, the oldest records are dropped to half of it. */
  maxBytes?: number;
  /**
   * This process's own log, `feedback-<name>.log`, for processes that share DATA_DIR (shards
   * on several hosts): each appends to and compacts only its own file, and reading takes them
   * all. Without it, `feedback.log`.
   */
  name?: string;
}

const FILE = 'feedback.log';
/** Every process's log: `feedback.log` and `feedback-<name>.log`. */
const LOG_FILE = /^feedback(-[\w.-]+)?\.log$/;
const KEY_FILE = 'feedback.key';
const DEFAULTS = { maxBytes: 5 * 2 ** 20 };

/**
 * An append-only log of feedback under the data folder, one record per line with a checksum.
 * Each record goes out in one write, so a crash leaves at most one torn last line; a torn or
 * damaged line is skipped on read and trimmed on the next open. The file never grows past its
 * bound: the oldest records are dropped first, by writing a copy and renaming it over the
 * original, so a crash mid-way loses nothing.
 */
export class FeedbackStore implements FeedbackLog {
  private readonly file: string;
  private readonly key: Buffer;
  private readonly maxBytes: number;
  private size: number;
  private readonly voted = new Set<string>();

  private constructor(dir: string, options: FeedbackStoreOptions) {
    this.maxBytes = { ...DEFAULTS, ...options }.maxBytes;
    mkdirSync(dir, { recursive: true });
    const name = options.name?.replace(/[^\w.-]+/g, '-');
    this.file = path.join(dir, name ? `feedback-${name}.log` : FILE);
    this.key = readOrCreateKey(path.join(dir, KEY_FILE));
    this.size = trimTornTail(this.file);
    for (const record of this.read().records) {
      if (record.kind === 'vote' && record.messageId)
        this.voted.add(`${record.messageId}:${record.userHash}`);
    }
  }

  /** Opens (creating if need be) the store in `dir`. Throws only if the folder is unusable. */
  static open(dir: string, options: FeedbackStoreOptions = {}): FeedbackStore {
    return new FeedbackStore(dir, options);
  }

  /**
   * Reads the records kept in `dir`, every process's log together, oldest first, without
   * creating anything; none when there is no log.
   */
  static readFrom(dir: string): { records: FeedbackRecord[]; skipped: number } {
    if (!existsSync(dir)) return { records: [], skipped: 0 };
    const records: FeedbackRecord[] = [];
    let skipped = 0;
    for (const name of readdirSync(dir)
      .filter((file) => LOG_FILE.test(file))
      .sort()) {
      const read = decode(readFileSync(path.join(dir, name), 'utf8'));
      records.push(...read.records);
      skipped += read.skipped;
    }
    // Stable: records of one log keep their order when their times are equal.
    records.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    return { records, skipped };
  }

  /** The hash a user id is stored as: stable for this store, not reversible without its key. */
  hashUser(userId: string): string {
    return createHmac('sha256', this.key).update(userId).digest('hex').slice(0, 16);
  }

  /** Whether this person has already voted on this answer message. */
  hasVoted(messageId: string, userHash: string): boolean {
    return this.voted.has(`${messageId}:${userHash}`);
  }

  /** Adds a record; it is on disk when this returns. */
  append(record: FeedbackRecord): void {
    const line = encode(record);
    const bytes = Buffer.byteLength(line);
    if (this.size + bytes > this.maxBytes) this.compact(this.maxBytes / 2 - bytes);
    appendFileSync(this.file, line);
    this.size += bytes;
    if (record.kind === 'vote' && record.messageId)
      this.voted.add(`${record.messageId}:${record.userHash}`);
  }

  /** Every intact record, oldest first, and how many damaged lines were skipped. */
  read(): { records: FeedbackRecord[]; skipped: number } {
    return FeedbackStore.readFrom(path.dirname(this.file));
  }

  /** Keeps the newest of this process's records that fit in `budget` bytes. */
  private compact(budget: number): void {
    const kept: string[] = [];
    let size = 0;
    const { records } = existsSync(this.file)
      ? decode(readFileSync(this.file, 'utf8'))
      : { records: [] as FeedbackRecord[] };
    for (let i = records.length - 1; i >= 0; i--) {
      const line = encode(records[i] as FeedbackRecord);
      const bytes = Buffer.byteLength(line);
      if (size + bytes > budget) break;
      kept.push(line);
      size += bytes;
    }
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, kept.reverse().join(''));
    renameSync(temporary, this.file);
    this.size = size;
  }
}

function encode(record: FeedbackRecord): string {
  const json = JSON.stringify(record);
  return `${checksum(json)} ${json}\n`;
}

/** Reads a log's text: lines whose checksum or JSON fails, or that lack their newline, are skipped. */
export function decode(text: string): { records: FeedbackRecord[]; skipped: number } {
  const records: FeedbackRecord[] = [];
  let skipped = 0;
  const lines = text.split('\n');
  const complete = lines.slice(0, -1);
  if (lines.at(-1)) skipped++;
  for (const line of complete) {
    const space = line.indexOf(' ');
    const json = line.slice(space + 1);
    if (space !== 8 || line.slice(0, 8) !== checksum(json)) {
      skipped++;
      continue;
    }
    try {
      records.push(JSON.parse(json) as FeedbackRecord);
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}

function checksum(text: string): string {
  return crc32(text).toString(16).padStart(8, '0');
}

/** Cuts a torn last line left by a crash, so the next record starts on a line of its own. */
function trimTornTail(file: string): number {
  if (!existsSync(file)) return 0;
  const text = readFileSync(file);
  const end = text.lastIndexOf(10) + 1;
  if (end < text.length) truncateSync(file, end);
  return statSync(file).size;
}

function readOrCreateKey(file: string): Buffer {
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length >= 16) return key;
  }
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}
