import { type Viewer, visibleTo } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import type { DeliveryState, PostRecord } from './DeliveryState.js';
import type { NewsSource } from './NewsSource.js';
import { newPost } from './newPost.js';
import type { Alert } from './types.js';

/** Settings for {@link planAlerts}. */
export interface AlertPlanSettings {
  /**
   * Whether an article is about a topic, and how much, read in an index that weighs words as
   * the whole archive does: the alert fires at `threshold`.
   */
  score: (index: PassageIndex, topic: string, article: Article) => number;
  threshold: number;
  /** At most this many posts per alert at once; the last says how many more matched. */
  catchUpMax: number;
  /**
   * More new articles than this at one look are a folder loaded or replaced, not news: they
   * are taken as known without firing anything.
   */
  bulkArrival: number;
}

/** What happened at one look for new articles. */
export interface AlertPlan {
  posts: PostRecord[];
  /** Articles new since the last look. */
  arrived: number;
  /** Set when they were taken as a bulk load rather than news. */
  bulk?: boolean;
}

/**
 * Queues a post for each alert that a newly arrived article is about. "Newly arrived" is what
 * the news source reports since the mark of the last look; the first look only learns what
 * is there, so a first start, a rebuilt index or a replaced folder sets nothing off.
 */
export async function planAlerts(
  alerts: readonly Alert[],
  state: DeliveryState,
  news: NewsSource,
  now: Date,
  settings: AlertPlanSettings,
): Promise<AlertPlan> {
  const known = state.knownArticles;
  const arrivals = await news.arrivals(known, {
    limit: settings.bulkArrival,
    weigh: alerts.map((alert) => alert.topic),
  });
  const remember = () => {
    if (arrivals.mark !== known) state.setKnownArticles(arrivals.mark);
  };
  const { index, articles } = arrivals;
  if (arrivals.count === 0 || !index) {
    remember();
    return {
      posts: [],
      arrived: arrivals.count,
      ...(arrivals.count > 0 ? { bulk: true } : {}),
    };
  }
  const posts: PostRecord[] = [];
  for (const alert of alerts) {
    if (state.pause(alert.id)) continue;
    const viewer: Viewer = { guildId: alert.guildId };
    const canSee = visibleTo(viewer);
    const matching = articles.filter(
      (article) =>
        canSee(article.id) && settings.score(index, alert.topic, article) >= settings.threshold,
    );
    const posted = matching.slice(-settings.catchUpMax);
    const more = matching.length - posted.length;
    posts.push(
      ...state.enqueue(
        posted.map((article, i) =>
          newPost(
            alert,
            {
              articleId: article.id,
              title: article.title,
              ...(article.metadata.url ? { url: article.metadata.url } : {}),
            },
            now,
            i === posted.length - 1 ? more : 0,
          ),
        ),
      ),
    );
  }
  remember();
  return { posts, arrived: arrivals.count };
}
