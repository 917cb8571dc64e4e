import type { FeedbackSummary, QuestionCount } from '../feedback/summarizeFeedback.js';

/** How many questions each list of the report shows. */
const SHOWN = 30;

/**
 * `npm run report` as text: the questions the articles could not answer well and the answers
 * voted down, most frequent first — the list of articles the server is missing.
 */
export function renderFeedbackReportText(summary: FeedbackSummary, skipped = 0): string {
  const list = (title: string, items: readonly QuestionCount[]) => [
    `${title} (${items.length}):`,
    ...(items.length === 0
      ? ['  none']
      : items
          .slice(0, SHOWN)
          .map(
            (q) =>
              `  ${String(q.count).padStart(4)}×  ${q.question}  (last ${q.lastAsked.slice(0, 10)})`,
          )),
    ...(items.length > SHOWN ? [`  …and ${items.length - SHOWN} more`] : []),
  ];
  return [
    `Votes: ${summary.upVotes} up, ${summary.downVotes} down. Not found: ${summary.unanswered}. Unsure answers: ${summary.lowConfidence}.`,
    '',
    ...list('Not found or unsure, most asked first', summary.gaps),
    '',
    ...list('Voted down, most often first', summary.downVoted),
    ...(skipped > 0
      ? ['', `${skipped} damaged record${skipped === 1 ? ' was' : 's were'} skipped.`]
      : []),
  ].join('\n');
}
