import type { APIEmbed } from 'discord.js';
import type { FeedbackSummary, QuestionCount } from '../feedback/summarizeFeedback.js';
import { cut, LIMITS } from './discordLimits.js';
import { escapeText } from './formatText.js';
import type { ShardSummary } from './readShardSummary.js';

/** How many questions each list shows. */
const SHOWN = 10;

/**
 * The server's feedback for its admins: votes, and the questions the articles could not answer
 * well or readers voted down, most frequent first: the stories the server is missing.
 */
export function renderStatsEmbed(
  summary: FeedbackSummary,
  reach?: ShardSummary,
  model?: ModelStats,
): APIEmbed {
  const list = (items: readonly QuestionCount[]) =>
    items
      .slice(0, SHOWN)
      .map((q) => `${q.count}× ${escapeText(cut(q.question.replace(/\s+/g, ' '), 150))}`)
      .join('\n') || 'None so far.';
  return {
    title: 'Feedback on answers in this server',
    description: `👍 ${summary.upVotes} · 👎 ${summary.downVotes} · not found ${summary.unanswered} · unsure ${summary.lowConfidence}`,
    color: 0xbf8700,
    fields: [
      {
        name: 'Not found or unsure: articles you may be missing',
        value: cut(list(summary.gaps), LIMITS.embedFieldValue),
      },
      { name: 'Voted down', value: cut(list(summary.downVoted), LIMITS.embedFieldValue) },
      ...(model ? [describeModel(summary, model)] : []),
    ],
    footer: {
      text: `${reach ? `${describeReach(reach)} · ` : ''}Only people who can manage this server see this.`,
    },
  };
}

/** What `/stats` shows of the language model, when one writes the answers. */
export interface ModelStats {
  name: string;
  promptVersion: string;
  /** Tokens used today over every process; undefined when they could not be read. */
  tokensToday?: number;
}

/** The model, its instructions' version, today's tokens, and votes on quoted and model answers. */
function describeModel(summary: FeedbackSummary, model: ModelStats) {
  const { llm, extractive } = summary.votesBy;
  const tokens =
    model.tokensToday === undefined
      ? ''
      : ` · ${model.tokensToday.toLocaleString('en')} tokens today`;
  return {
    name: 'Language model',
    value: cut(
      `${escapeText(model.name)} · instructions ${escapeText(model.promptVersion)}${tokens}\nModel answers 👍 ${llm.up} · 👎 ${llm.down}; quoted answers 👍 ${extractive.up} · 👎 ${extractive.down}`,
      LIMITS.embedFieldValue,
    ),
  };
}

/** "In 5 servers · 4 shards in 2 processes · ping 42 ms": the bot as a whole, live. */
function describeReach(reach: ShardSummary): string {
  const parts = [`In ${reach.servers} server${reach.servers === 1 ? '' : 's'}`];
  if (reach.shards > 1 || reach.processes > 1)
    parts.push(
      `${reach.shards} shards${reach.processes > 1 ? ` in ${reach.processes} processes` : ''}`,
    );
  if (reach.worstPingMs >= 0) parts.push(`ping ${Math.round(reach.worstPingMs)} ms`);
  return parts.join(' · ');
}
