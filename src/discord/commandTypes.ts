import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Ask } from '../answer/Ask.js';
import type { Rewriter } from '../conversation/askFollowUp.js';
import type { ConversationStore } from '../conversation/ConversationStore.js';
import type { Article } from '../corpus/types.js';
import type { DeliveryStateFile } from '../delivery/DeliveryState.js';
import type { SubscriptionStore } from '../delivery/SubscriptionStore.js';
import type { FeedbackLog } from '../feedback/FeedbackLog.js';
import type { AddPageResult } from '../ingest/addPage.js';
import type { FeedCheck } from '../ingest/checkFeed.js';
import type { FeedStatus } from '../ingest/FeedPoller.js';
import type { RemoveResult } from '../ingest/removeFromCollection.js';
import type { BotMetrics } from '../metrics/BotMetrics.js';
import type { Archive } from '../store/Archive.js';

/** What every command handler is given besides the interaction. */
export interface BotContext {
  /** The articles commands name, list, summarise and relate: in memory, or a database. */
  archive: Archive;
  /** How questions are answered: quoted, or written by a language model from the passages. */
  ask: Ask;
  /** Set when a language model writes the answers: `/ask` then defers and shows its progress. */
  model?: { name: string; promptVersion: string; spentToday: () => Promise<number> };
  logger: Logger;
  /** Where votes and poorly answered questions are kept; absent when DATA_DIR is unusable. */
  feedback?: FeedbackLog;
  /** Where answers are counted and timed for operators (METRICS_PORT); absent when off. */
  metrics?: BotMetrics;
  /** Writes a follow-up out in full (a language model); without it, the rules read it. */
  rewrite?: Rewriter;
  /** Recent conversations, so a follow-up knows the answer it follows; none, no memory. */
  conversations?: ConversationStore;
  /** Adding pages and following feeds; absent when the bot cannot write to its folders. */
  ingest?: {
    /**
     * Fetches a page and writes its article into the articles folder: into the server's own
     * collection when `guildId` is given and `addScope` is `server`.
     */
    addPage(url: string, guildId?: string): Promise<AddPageResult>;
    /** Where `/add` puts pages: the server's own collection, or the shared one. */
    addScope: 'server' | 'shared';
    /** Deletes one of a server's own articles (`/remove`); shared ones are refused. */
    removeArticle(article: Article, guildId: string): Promise<RemoveResult>;
    /** The followed feeds with their last poll, item count and last error. */
    feeds(): Promise<FeedStatus[]>;
    /** Where the list of feeds is kept, to tell an admin where to add one. */
    feedsFile: string;
    /** Follows, alerts and briefings (`/follow`, `/alert`, `/briefing`). */
    subscriptions: SubscriptionStore;
    /** What the deliverer recorded of its posts, as last saved: for `/following` and `/alerts`. */
    deliveries(): Promise<DeliveryStateFile | undefined>;
    /** Whether a feed can be read, and its title: checked before it is followed. */
    checkFeed(url: string): Promise<FeedCheck>;
    /** Polls the feeds soon, so a new follow does not wait for the next check. */
    pollSoon(): void;
  };
}

/**
 * One slash command, the discord.js guide's way: its definition (`data`), its handler and,
 * where it has them, autocomplete and buttons. A button's custom id starts with the command's
 * name, then an action and its arguments: `source:page:<article>:<page>:<user>`.
 */
export interface BotCommand {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
  button?(interaction: ButtonInteraction, context: BotContext, args: string[]): Promise<void>;
  /** A box the command opened was sent: its custom id starts with the command's name too. */
  modal?(interaction: ModalSubmitInteraction, context: BotContext, args: string[]): Promise<void>;
}

/** Every message the bot sends may mention no one, whatever the article or question says. */
export const NO_MENTIONS = { parse: [] as never[], repliedUser: false };
