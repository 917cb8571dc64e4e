import type { FeedbackRecord } from './FeedbackStore.js';

/** A question that came up, how often, and when last. */
export interface QuestionCount {
  question: string;
  count: number;
  lastAsked: string;
  /** The answer given the last time (for down-voted answers). */
  answer: string;
}

/** What the feedback says: totals, and the questions the articles do not serve, most frequent first. */
export interface FeedbackSummary {
  upVotes: number;
  downVotes: number;
  unanswered: number;
  lowConfidence: number;
  /** Questions answered "not found" or with low confidence. */
  gaps: QuestionCount[];
  downVoted: QuestionCount[];
  /** The votes on each composer's answers, to compare quoted and model-written ones. */
  votesBy: Record<'extractive' | 'llm', { up: number; down: number }>;
}

/**
 * Sums the feedback up for an admin: the questions the bot could not answer well and the
 * answers readers voted down, each grouped by question (case, spacing and end punctuation
 * ignored) and sorted by how often they came up. With a guild id, only that server's records.
 */
export function summarizeFeedback(
  records: readonly FeedbackRecord[],
  guildId?: string,
): FeedbackSummary {
  const mine = guildId === undefined ? records : records.filter((r) => r.guildId === guildId);
  const gaps = new Map<string, QuestionCount>();
  const downVoted = new Map<string, QuestionCount>();
  const summary: FeedbackSummary = {
    upVotes: 0,
    downVotes: 0,
    unanswered: 0,
    lowConfidence: 0,
    gaps: [],
    downVoted: [],
    votesBy: { extractive: { up: 0, down: 0 }, llm: { up: 0, down: 0 } },
  };
  for (const record of mine) {
    if (record.kind === 'vote') {
      summary.votesBy[record.composer ?? 'extractive'][record.vote === 'up' ? 'up' : 'down']++;
      if (record.vote === 'up') summary.upVotes++;
      else {
        summary.downVotes++;
        count(downVoted, record);
      }
    } else {
      if (record.kind === 'unanswered') summary.unanswered++;
      else summary.lowConfidence++;
      count(gaps, record);
    }
  }
  summary.gaps = ranked(gaps);
  summary.downVoted = ranked(downVoted);
  return summary;
}

function count(groups: Map<string, QuestionCount>, record: FeedbackRecord): void {
  const key = record.question
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?.!]+$/, '')
    .trim();
  const group = groups.get(key);
  if (!group) {
    groups.set(key, {
      question: record.question.trim(),
      count: 1,
      lastAsked: record.time,
      answer: record.answer,
    });
    return;
  }
  group.count++;
  if (record.time >= group.lastAsked) {
    group.lastAsked = record.time;
    group.answer = record.answer;
  }
}

function ranked(groups: Map<string, QuestionCount>): QuestionCount[] {
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked),
  );
}
