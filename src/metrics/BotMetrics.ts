import {
  AggregatorRegistry,
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type MetricObjectWithValues,
  type MetricValue,
  Registry,
} from 'prom-client';

/** One process's metrics as prom-client serialises them, to be summed with others'. */
export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

/** How one answered question ended, as operators count them. */
export type AnswerOutcome = 'answered' | 'hedged' | 'not_found';

/** One gateway shard as the metrics show it. */
export interface ShardState {
  id: number;
  /** discord.js's numeric WebSocket status (0 ready, 1 connecting, … 5 disconnected). */
  status: number;
  /** Heartbeat round trip in milliseconds; -1 before the first heartbeat. */
  pingMs: number;
}

/** Where the gauges read their live values from, when they are scraped. */
export interface MetricsSources {
  index?: () => { articles: number; passages: number };
  shards?: () => readonly ShardState[];
  /**
   * Other processes' metrics to add to this one's when scraped: a ShardingManager's shard
   * processes, which answer the questions and hold the shards.
   */
  others?: () => Promise<MetricsSnapshot[]>;
}

/**
 * The bot's Prometheus metrics (prom-client): questions by outcome, answer latency, the index's
 * size, each shard's status and ping, feed polls and failures, and Node's own process metrics
 * (memory, CPU, event-loop lag). One registry per instance, so tests and several bots in one
 * process never share counts.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly questions: Counter<'outcome'>;
  private readonly latency: Histogram;
  private readonly feedPolls: Counter<'result'>;
  private readonly feedItems: Counter<'status'>;
  private readonly others: MetricsSources['others'];
  private readonly modelCalls: Counter<'outcome'>;
  private readonly modelLatency: Histogram;
  private readonly modelTokens: Counter<'kind'>;

  constructor(sources: MetricsSources = {}) {
    this.others = sources.others;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'newsdesk_' });
    this.questions = new Counter({
      name: 'newsdesk_questions_total',
      help: 'Questions answered, by outcome: answered, hedged ("I\'m not sure, but…") or not_found.',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of ['answered', 'hedged', 'not_found'] as const)
      this.questions.inc({ outcome }, 0);
    this.latency = new Histogram({
      name: 'newsdesk_answer_seconds',
      help: 'Time to compute an answer, from the question to the answer object.',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    this.feedPolls = new Counter({
      name: 'newsdesk_feed_polls_total',
      help: 'Feed polls, by result: ok (read or not modified) or failed.',
      labelNames: ['result'],
      registers,
    });
    this.feedItems = new Counter({
      name: 'newsdesk_feed_items_total',
      help: 'Feed items handled, by status: added, skipped or failed.',
      labelNames: ['status'],
      registers,
    });
    this.modelCalls = new Counter({
      name: 'newsdesk_model_calls_total',
      help: 'Calls to the language model, by outcome: answered, declined, ungrounded, timeout, rate-limited, malformed or error.',
      labelNames: ['outcome'],
      registers,
    });
    this.modelLatency = new Histogram({
      name: 'newsdesk_model_call_seconds',
      help: 'Time one language-model call took, from the request to the last word.',
      buckets: [0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
      registers,
    });
    this.modelTokens = new Counter({
      name: 'newsdesk_model_tokens_total',
      help: 'Tokens the language model used, by kind: prompt or completion.',
      labelNames: ['kind'],
      registers,
    });
    const { index, shards } = sources;
    new Gauge({
      name: 'newsdesk_articles_indexed',
      help: 'Articles in the index being answered from.',
      registers,
      collect() {
        if (index) this.set(index().articles);
      },
    });
    new Gauge({
      name: 'newsdesk_passages_indexed',
      help: 'Passages (paragraphs) in the index being answered from.',
      registers,
      collect() {
        if (index) this.set(index().passages);
      },
    });
    new Gauge({
      name: 'newsdesk_shard_status',
      help: "Each gateway shard's WebSocket status (0 ready, 1 connecting, 2 reconnecting, 3 idle, 4 nearly, 5 disconnected, 6 waiting for guilds, 7 identifying, 8 resuming).",
      labelNames: ['shard'],
      registers,
      collect() {
        this.reset();
        for (const shard of shards?.() ?? []) this.set({ shard: String(shard.id) }, shard.status);
      },
    });
    new Gauge({
      name: 'newsdesk_shard_ping_seconds',
      help: "Each gateway shard's heartbeat round trip.",
      labelNames: ['shard'],
      registers,
      collect() {
        this.reset();
        for (const shard of shards?.() ?? [])
          if (shard.pingMs >= 0) this.set({ shard: String(shard.id) }, shard.pingMs / 1000);
      },
    });
  }

  /** Counts one answered question and how long the answer took. */
  recordAnswer(outcome: AnswerOutcome, seconds: number): void {
    this.questions.inc({ outcome });
    this.latency.observe(seconds);
  }

  /** Counts one call to the language model, its time and the tokens it used. */
  recordModelCall(
    outcome: string,
    seconds: number,
    usage?: { promptTokens: number; completionTokens: number },
  ): void {
    this.modelCalls.inc({ outcome });
    this.modelLatency.observe(seconds);
    if (usage) {
      this.modelTokens.inc({ kind: 'prompt' }, usage.promptTokens);
      this.modelTokens.inc({ kind: 'completion' }, usage.completionTokens);
    }
  }

  /** Counts one feed poll. */
  recordFeedPoll(ok: boolean): void {
    this.feedPolls.inc({ result: ok ? 'ok' : 'failed' });
  }

  /** Counts one feed item's outcome. */
  recordFeedItem(status: 'added' | 'skipped' | 'failed'): void {
    this.feedItems.inc({ status });
  }

  /** This process's metrics, for a manager to add up. */
  snapshot(): Promise<MetricsSnapshot> {
    return this.registry.getMetricsAsJSON() as Promise<MetricsSnapshot>;
  }

  /** The metrics in Prometheus's text format, other processes' added in when there are any. */
  async text(): Promise<string> {
    if (!this.others) return this.registry.metrics();
    const others = await this.others().catch(() => [] as MetricsSnapshot[]);
    if (others.length === 0) return this.registry.metrics();
    return AggregatorRegistry.aggregate([await this.snapshot(), ...others]).metrics();
  }
}
