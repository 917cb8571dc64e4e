/**
 * What a server asked to be told: new articles of a feed in a channel (`/follow`), articles
 * about a topic (`/alert`), or a daily briefing (`/briefing`). Plain data, kept one file each
 * so that any shard process can add or remove one while the delivering process reads them.
 */
export type Subscription = Follow | Alert | BriefingSchedule;

/** Fields every subscription has. */
interface Made {
  /** Stable for what it is (kind, server, channel, feed or topic): the same request twice is one. */
  id: string;
  /** When it was made (ISO): only what arrives after it is delivered. */
  createdAt: string;
  /** Who made it (a Discord user id). */
  createdBy: string;
}

/** `/follow`: each new article of a feed, posted to a channel. */
export interface Follow extends Made {
  kind: 'follow';
  guildId: string;
  channelId: string;
  feedUrl: string;
  /** The one role a post may ping; none by default. */
  roleId?: string;
  /** How many of the feed's newest items at the time of following are posted (0: none). */
  backlog: number;
  /**
   * The keys (guid, else link) of the items the feed held when it was followed: its backlog.
   * An item that came after, even before the first poll, is news.
   */
  backlogKeys?: string[];
}

/** `/alert`: any new article about a topic, posted to a channel or to its maker by DM. */
export interface Alert extends Made {
  kind: 'alert';
  /** The server it was made in: its articles count as well as the shared ones. */
  guildId: string | null;
  /** Where it posts; absent for an alert sent by direct message to `createdBy`. */
  channelId?: string;
  topic: string;
}

/** `/briefing`: once a day at a time in a time zone, the day's stories. */
export interface BriefingSchedule extends Made {
  kind: 'briefing';
  guildId: string;
  channelId: string;
  /** `HH:MM`, in `timezone`. */
  time: string;
  /** An IANA time zone, such as `Europe/Berlin`. */
  timezone: string;
}

/** Where a post goes: a channel, or a person's direct messages. */
export type Destination = { channelId: string } | { userId: string };

/** What a post says, before any chat platform renders it. */
export interface PostContent {
  kind: Subscription['kind'];
  /** Follows and alerts: the article posted. */
  article?: {
    id: string;
    title: string;
    url?: string;
    site?: string;
    /** ISO date, when known. */
    published?: string;
    /** Two sentences from it, each cited to its paragraph. */
    summary: { text: string; passage: number }[];
  };
  /** Alerts: the topic that matched. */
  topic?: string;
  /** Briefings: the stories, one line each. */
  briefing?: {
    date: string;
    timezone: string;
    items: {
      title: string;
      url?: string;
      line: string;
      sources: string[];
      articleId: string;
      passage: number;
    }[];
  };
  /** Articles beyond the catch-up cap that were not posted on their own. */
  more?: number;
  /** The one role the post pings (a follow's `role:`). */
  roleId?: string;
}

/** How sending a post went. */
export type SendResult =
  | { ok: true; messageId: string }
  /**
   * `stop`: the destination is gone or closed to the bot (deleted channel, lost access or
   * permission, DMs closed): its subscription pauses. Otherwise it is tried again later.
   */
  | { ok: false; stop: boolean; code?: number; reason: string };

/**
 * Where posts are sent: Discord's REST API in the bot. The delivery core knows no platform;
 * an adapter renders a {@link PostContent} and sends it.
 */
export interface Outlet {
  /** Sends a post; `nonce` lets the platform drop a second copy sent again soon after. */
  send(to: Destination, post: PostContent, nonce: string): Promise<SendResult>;
  /**
   * The id of a message among the destination's recent ones that already carries this post
   * (`nonce`), found after a restart that may have come between sending it and recording it;
   * undefined when none does, or when they cannot be read.
   */
  find(to: Destination, post: PostContent, nonce: string): Promise<string | undefined>;
}
