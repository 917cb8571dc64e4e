import { DateTime } from 'luxon';
import type { DeliveryState, PostRecord } from './DeliveryState.js';
import type { NewsSource } from './NewsSource.js';
import { newPost } from './newPost.js';
import type { BriefingSchedule, PostContent } from './types.js';

/** A briefing more than this late (the bot was off all morning) is skipped, not sent stale. */
const LATEST_MS = 12 * 60 * 60 * 1000;
/** Stories in one briefing. */
const BRIEFING_STORIES = 10;

/**
 * The moment a daily briefing was last due at or before `now`: today's `time` in its zone, or
 * yesterday's if today's has not come. luxon does the days and the clock changes.
 */
export function lastDue(schedule: Pick<BriefingSchedule, 'time' | 'timezone'>, now: Date): Date {
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  const today = DateTime.fromJSDate(now, { zone: schedule.timezone }).set({
    hour,
    minute,
    second: 0,
    millisecond: 0,
  });
  const due = today.toMillis() > now.getTime() ? today.minus({ days: 1 }) : today;
  return due.toJSDate();
}

/**
 * Queues each briefing whose time has come since it last went out: the stories since the last
 * one (or the day before), for its server's collections. A day with no stories posts nothing.
 */
export async function planBriefings(
  schedules: readonly BriefingSchedule[],
  state: DeliveryState,
  news: NewsSource,
  now: Date,
): Promise<PostRecord[]> {
  const posts: PostRecord[] = [];
  for (const schedule of schedules) {
    if (state.pause(schedule.id)) continue;
    const due = lastDue(schedule, now);
    if (due.getTime() <= Date.parse(schedule.createdAt)) continue;
    const last = state.lastBriefing(schedule.id);
    if (last && Date.parse(last) >= due.getTime()) continue;
    if (now.getTime() - due.getTime() <= LATEST_MS) {
      const briefing = await news.briefing({
        at: due,
        timezone: schedule.timezone,
        ...(last ? { since: new Date(last) } : {}),
        viewer: { guildId: schedule.guildId },
        limit: BRIEFING_STORIES,
      });
      const date = DateTime.fromJSDate(due, { zone: schedule.timezone }).toISODate() as string;
      if (briefing.items.length > 0) {
        const content: PostContent = {
          kind: 'briefing',
          briefing: {
            date,
            timezone: schedule.timezone,
            items: briefing.items.map((item) => ({
              title: item.title,
              ...(item.url ? { url: item.url } : {}),
              line: item.line,
              sources: item.sources,
              articleId: item.citation.articleId,
              passage: item.citation.passage,
            })),
          },
        };
        posts.push(
          ...state.enqueue([{ ...newPost(schedule, { briefingDate: date }, now), content }]),
        );
      }
    }
    state.setLastBriefing(schedule.id, due.toISOString());
  }
  return posts;
}
