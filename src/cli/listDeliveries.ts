import type { DeliveryStateFile } from '../delivery/DeliveryState.js';

/** One line of `cli deliveries`: a post that went out or is waiting. */
export interface DeliveryLine {
  /** The channel it goes to, or `dm:<user id>` for a direct message. */
  channel: string;
  articleId?: string;
  title: string;
  url?: string;
  kind: 'follow' | 'alert' | 'briefing';
  status: 'sent' | 'pending' | 'paused';
  /** When it went out (sent), else when it was queued. */
  at?: string;
  messageId?: string;
}

/**
 * The deliverer's record (DATA_DIR's, or the database's) as lines, oldest first: what a test
 * or an operator checks without Discord. `since` (ISO date-time) keeps the posts sent or
 * queued from then on.
 */
export function listDeliveries(
  state: DeliveryStateFile | undefined,
  since?: string,
): { ok: true; lines: DeliveryLine[] } | { ok: false; problem: string } {
  const from = since === undefined ? 0 : Date.parse(since);
  if (Number.isNaN(from))
    return { ok: false, problem: 'must be a date and time such as 2025-03-05T08:00Z.' };
  const lines = (state?.posts ?? [])
    .map(
      (post): DeliveryLine => ({
        channel: 'channelId' in post.to ? post.to.channelId : `dm:${post.to.userId}`,
        ...(post.articleId ? { articleId: post.articleId } : {}),
        title: post.title,
        ...(post.url ? { url: post.url } : {}),
        kind: post.kind,
        status: post.status,
        at: post.sentAt ?? post.queuedAt,
        ...(post.messageId ? { messageId: post.messageId } : {}),
      }),
    )
    .filter((line) => Date.parse(line.at as string) >= from);
  return { ok: true, lines };
}
