import { DateTime } from 'luxon';
import { articleSimilarity } from '../answer/relatedArticles.js';
import { type Viewer, visibleTo } from '../corpus/collections.js';
import type { Article } from '../corpus/types.js';
import type { PassageIndex } from '../search/PassageIndex.js';

/** One story of a briefing: one line, cited, with every site that carried it. */
export interface BriefingItem {
  /** The headline of its newest copy. */
  title: string;
  /** Every copy of the story, newest first. */
  articleIds: string[];
  /** The sites (or sources) that carried it, in the order of `articleIds`, each once. */
  sources: string[];
  /** The story in one line: the lead sentence of its newest copy. */
  line: string;
  /** Where that line comes from. */
  citation: { articleId: string; passage: number };
  /** When its newest copy was published (ISO). */
  published: string;
  url?: string;
}

/** A briefing as it would go out at one moment. */
export interface Briefing {
  /** The moment, in the briefing's time zone (ISO, with its offset). */
  at: string;
  timezone: string;
  /** Stories published after `from` and up to `at`. */
  from: string;
  items: BriefingItem[];
}

/** Options for {@link composeBriefing}. */
export interface BriefingOptions {
  /** When the briefing goes out. */
  at: Date;
  /** An IANA time zone, such as `Europe/Berlin`: the day is that zone's day. */
  timezone: string;
  /** The last briefing; without it, the same time the day before, in that zone. */
  since?: Date;
  /** Whose collections it draws on; every article when not given. */
  viewer?: Viewer;
  /** At most this many stories, newest first. */
  limit?: number;
}

/**
 * Two articles at least this alike are copies of one story. On the BBC corpus, 325 of the
 * 2,225 articles have a copy above 0.9 (the dataset's own duplicates), 375 one above 0.7 and
 * 561 one above 0.5: below 0.7, stories that only follow one another start to merge.
 */
export const COPY_SIMILARITY = 0.7;

/**
 * A date-time as written (`2025-03-05T08:00`), in `timezone` unless it names its own offset,
 * or what is wrong with it, for a person.
 */
export function readMoment(
  text: string,
  timezone: string,
): { ok: true; date: Date } | { ok: false; problem: string } {
  if (!DateTime.now().setZone(timezone).isValid)
    return {
      ok: false,
      problem: `needs a time zone such as Europe/Berlin or UTC, not "${timezone}".`,
    };
  const moment = DateTime.fromISO(text, { zone: timezone });
  return moment.isValid
    ? { ok: true, date: moment.toJSDate() }
    : { ok: false, problem: 'must be a date and time such as 2025-03-05T08:00.' };
}

/**
 * The moments a briefing's stories are published between (after `from`, up to `at`): since
 * the last briefing, else since the same time the day before in its zone.
 */
export function briefingWindow(options: BriefingOptions): { from: DateTime; at: DateTime } {
  const at = DateTime.fromJSDate(options.at, { zone: options.timezone });
  const from = options.since
    ? DateTime.fromJSDate(options.since, { zone: options.timezone })
    : at.minus({ days: 1 });
  return { from, at };
}

/**
 * The day's stories since the last briefing, newest first: the articles published in the
 * window, copies of one story (from several sites) joined into one item that lists each
 * source, each story in one cited line. Time zones and days come from luxon, not from
 * hand-made date arithmetic.
 */
export function composeBriefing(index: PassageIndex, options: BriefingOptions): Briefing {
  const { from, at } = briefingWindow(options);
  const canRead = visibleTo(options.viewer);
  const inWindow = index.corpus.articles
    .filter((a) => canRead(a.id))
    .filter(
      (a): a is Article & { published: NonNullable<Article['published']> } =>
        a.published !== undefined &&
        a.published.time > from.toMillis() &&
        a.published.time <= at.toMillis(),
    )
    .sort((a, b) => b.published.time - a.published.time);

  // Newest first, each article joins the first story it copies, else starts one.
  const stories: (typeof inWindow)[] = [];
  for (const article of inWindow) {
    const story = stories.find((s) =>
      s.some((copy) => articleSimilarity(index, copy, article) >= COPY_SIMILARITY),
    );
    if (story) story.push(article);
    else stories.push([article]);
  }

  return {
    at: at.toISO() as string,
    timezone: options.timezone,
    from: from.toISO() as string,
    items: stories.slice(0, options.limit ?? stories.length).map(itemOf),
  };
}

function itemOf(copies: readonly (Article & { published: { time: number } })[]): BriefingItem {
  const [newest] = copies as [Article & { published: { time: number } }];
  const paragraph = newest.paragraphs.find((p) => p.kind === 'body' && p.sentences.length > 0);
  const sources = [...new Set(copies.map(sourceOf))];
  return {
    title: newest.title,
    articleIds: copies.map((c) => c.id),
    sources,
    line: paragraph?.sentences[0]?.text ?? newest.title,
    citation: { articleId: newest.id, passage: paragraph?.number ?? 1 },
    published: new Date(newest.published.time).toISOString(),
    ...(newest.metadata.url ? { url: newest.metadata.url } : {}),
  };
}

/** The site an article came from: its `source`, else its url's host, else its folder. */
export function sourceOf(article: Article): string {
  if (article.metadata.source) return article.metadata.source;
  if (article.metadata.url) {
    try {
      return new URL(article.metadata.url).hostname.replace(/^www\./, '');
    } catch {
      // Not a URL: fall through to the folder.
    }
  }
  return article.id.split('/').slice(0, -1).join('/') || 'articles';
}
