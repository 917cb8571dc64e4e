import { type Viewer, visibleTo } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';
import type { PassageIndex } from '../search/PassageIndex.js';
import type { DeliveryState, PostRecord } from './DeliveryState.js';
import { newPost } from './newPost.js';
import type { Alert } from './types.js';

/** Settings for {@link planAlerts}. */
export interface AlertPlanSettings {
  /** Whether an article is about a topic, and how much: the alert fires at `threshold`. */
  score: (topic: string, article: Article) => number;
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
 * Queues a post for each alert that a newly arrived article is about. "Newly arrived" is an
 * article the index did not hold at the last look; the first look only learns what is there,
 * so a first start, a rebuilt index or a replaced folder sets nothing off.
 */
export function planAlerts(
  alerts: readonly Alert[],
  state: DeliveryState,
  index: PassageIndex,
  now: Date,
  settings: AlertPlanSettings,
): AlertPlan {
  const ids = index.corpus.articles.map((a) => a.id);
  const known = state.knownArticles;
  if (known === null) {
    state.setKnownArticles(ids);
    return { posts: [], arrived: 0 };
  }
  const knownSet = new Set(known);
  const arrived = index.corpus.articles.filter((a) => !knownSet.has(a.id));
  if (arrived.length === 0) {
    if (ids.length !== known.length) state.setKnownArticles(ids);
    return { posts: [], arrived: 0 };
  }
  if (arrived.length > settings.bulkArrival) {
    state.setKnownArticles(ids);
    return { posts: [], arrived: arrived.length, bulk: true };
  }
  const posts: PostRecord[] = [];
  for (const alert of alerts) {
    if (state.pause(alert.id)) continue;
    const viewer: Viewer = { guildId: alert.guildId };
    const canSee = visibleTo(viewer);
    const matching = arrived.filter(
      (article) => canSee(article.id) && settings.score(alert.topic, article) >= settings.threshold,
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
  state.setKnownArticles(ids);
  return { posts, arrived: arrived.length };
}
