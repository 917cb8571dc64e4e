import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const snowflake = (name: string) =>
  optionalText.refine((value) => value === undefined || /^\d{15,21}$/.test(value), {
    message: `${name} must be a Discord id (a long number)`,
  });

const schema = z.object({
  DISCORD_TOKEN: optionalText,
  DISCORD_CLIENT_ID: snowflake('DISCORD_CLIENT_ID'),
  DISCORD_GUILD_ID: snowflake('DISCORD_GUILD_ID'),
  DISCORD_API_URL: optionalText.refine(
    (value) => value === undefined || /^https?:\/\/[^\s]+$/.test(value),
    {
      message: 'DISCORD_API_URL must be an http(s) URL',
    },
  ),
  SEEDS_DIR: z.string().trim().min(1).default('seeds'),
  CACHE_DIR: z.string().trim().min(1).default('.cache'),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  FEEDBACK_MAX_MB: z.coerce
    .number({ message: 'FEEDBACK_MAX_MB must be a number' })
    .positive({ message: 'FEEDBACK_MAX_MB must be more than 0' })
    .max(1024, { message: 'FEEDBACK_MAX_MB must be at most 1024' })
    .default(5),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  MAX_FILE_MB: z.coerce
    .number({ message: 'MAX_FILE_MB must be a number' })
    .positive({ message: 'MAX_FILE_MB must be more than 0' })
    .max(1024, { message: 'MAX_FILE_MB must be at most 1024' })
    .default(5),
  FEEDS_FILE: z.string().trim().min(1).default('feeds.yml'),
  FEED_POLL_MINUTES: z.coerce
    .number({ message: 'FEED_POLL_MINUTES must be a number' })
    .min(0.05, { message: 'FEED_POLL_MINUTES must be at least 0.05 (3 seconds)' })
    .max(7 * 24 * 60, { message: 'FEED_POLL_MINUTES must be at most a week (10080)' })
    .default(15),
  FEED_HOST_PAUSE_SECONDS: z.coerce
    .number({ message: 'FEED_HOST_PAUSE_SECONDS must be a number' })
    .min(0, { message: 'FEED_HOST_PAUSE_SECONDS must be 0 or more' })
    .max(600, { message: 'FEED_HOST_PAUSE_SECONDS must be at most 600' })
    .default(1),
  FETCH_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'FETCH_TIMEOUT_SECONDS must be a number' })
    .positive({ message: 'FETCH_TIMEOUT_SECONDS must be more than 0' })
    .max(120, { message: 'FETCH_TIMEOUT_SECONDS must be at most 120' })
    .default(15),
  SHARDS: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => value === 'auto' || /^[1-9]\d{0,3}$/.test(value), {
      message: 'SHARDS must be auto or a number of shards',
    })
    .default('auto'),
  SHARD_COUNT: optionalText.refine((value) => value === undefined || /^[1-9]\d{0,3}$/.test(value), {
    message: 'SHARD_COUNT must be the total number of shards (1 or more)',
  }),
  SHARD_IDS: optionalText.refine(
    (value) =>
      value === undefined ||
      /^\d{1,4}(\s*-\s*\d{1,4})?(\s*,\s*\d{1,4}(\s*-\s*\d{1,4})?)*$/.test(value),
    { message: 'SHARD_IDS must list shard ids, like 0,1 or 2-3' },
  ),
  SHARD_PROCESSES: optionalText.refine((value) => value === undefined || /^[1-9]\d?$/.test(value), {
    message: 'SHARD_PROCESSES must be a number of processes (1 to 99)',
  }),
  METRICS_PORT: optionalText
    .refine((value) => value === undefined || (/^\d{1,5}$/.test(value) && Number(value) <= 65535), {
      message: 'METRICS_PORT must be a port number (0 to 65535)',
    })
    .transform((value) => (value === undefined ? undefined : Number(value))),
  METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  LLM_BASE_URL: optionalText.refine(
    (value) => value === undefined || /^https?:\/\/[^\s]+$/.test(value),
    { message: 'LLM_BASE_URL must be an http(s) URL, such as https://api.openai.com/v1' },
  ),
  LLM_MODEL: optionalText,
  LLM_API_KEY: optionalText,
  LLM_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'LLM_TIMEOUT_SECONDS must be a number' })
    .positive({ message: 'LLM_TIMEOUT_SECONDS must be more than 0' })
    .max(300, { message: 'LLM_TIMEOUT_SECONDS must be at most 300' })
    .default(20),
  LLM_PASSAGES: z.coerce
    .number({ message: 'LLM_PASSAGES must be a number' })
    .int({ message: 'LLM_PASSAGES must be a whole number' })
    .min(1, { message: 'LLM_PASSAGES must be at least 1' })
    .max(30, { message: 'LLM_PASSAGES must be at most 30' })
    .default(8),
  LLM_MAX_ANSWER_TOKENS: z.coerce
    .number({ message: 'LLM_MAX_ANSWER_TOKENS must be a number' })
    .int({ message: 'LLM_MAX_ANSWER_TOKENS must be a whole number' })
    .min(16, { message: 'LLM_MAX_ANSWER_TOKENS must be at least 16' })
    .max(8192, { message: 'LLM_MAX_ANSWER_TOKENS must be at most 8192' })
    .default(300),
  LLM_PROMPT_TOKENS: z.coerce
    .number({ message: 'LLM_PROMPT_TOKENS must be a number' })
    .int({ message: 'LLM_PROMPT_TOKENS must be a whole number' })
    .min(500, { message: 'LLM_PROMPT_TOKENS must be at least 500' })
    .max(100_000, { message: 'LLM_PROMPT_TOKENS must be at most 100000' })
    .default(3000),
  LLM_DAILY_TOKENS: optionalText
    .refine((value) => value === undefined || /^[1-9]\d{0,11}$/.test(value), {
      message: 'LLM_DAILY_TOKENS must be a whole number of tokens',
    })
    .transform((value) => (value === undefined ? undefined : Number(value))),
  LLM_USER_ANSWERS_PER_HOUR: z.coerce
    .number({ message: 'LLM_USER_ANSWERS_PER_HOUR must be a number' })
    .int({ message: 'LLM_USER_ANSWERS_PER_HOUR must be a whole number' })
    .min(0, { message: 'LLM_USER_ANSWERS_PER_HOUR must be 0 or more' })
    .default(30),
  LLM_SERVER_ANSWERS_PER_HOUR: z.coerce
    .number({ message: 'LLM_SERVER_ANSWERS_PER_HOUR must be a number' })
    .int({ message: 'LLM_SERVER_ANSWERS_PER_HOUR must be a whole number' })
    .min(0, { message: 'LLM_SERVER_ANSWERS_PER_HOUR must be 0 or more' })
    .default(300),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((url) => url === '' || /^postgres(ql)?:\/\/./.test(url), {
      message: 'DATABASE_URL must be a postgres:// address',
    })
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .trim()
    .refine((url) => url === '' || /^postgres(ql)?:\/\/./.test(url), {
      message: 'DATABASE_READ_URL must be a postgres:// address',
    })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce
    .number({ message: 'DATABASE_POOL_SIZE must be a number' })
    .int({ message: 'DATABASE_POOL_SIZE must be a whole number' })
    .min(1, { message: 'DATABASE_POOL_SIZE must be at least 1' })
    .max(100, { message: 'DATABASE_POOL_SIZE must be at most 100' })
    .default(10),
  SERVER_DATA_DAYS: z.coerce
    .number({ message: 'SERVER_DATA_DAYS must be a number' })
    .int({ message: 'SERVER_DATA_DAYS must be a whole number of days' })
    .min(0, { message: 'SERVER_DATA_DAYS must be 0 or more' })
    .default(30),
  ADD_SCOPE: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['server', 'shared'], { message: 'ADD_SCOPE must be server or shared' }))
    .default('server'),
  ALLOW_PRIVATE_URLS: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(
      z.enum(['true', 'false', '1', '0', 'yes', 'no', ''], {
        message: 'ALLOW_PRIVATE_URLS must be true or false',
      }),
    )
    .default('false'),
});

/** The bot's settings, read once at start-up and never changed. */
export interface Config {
  discordToken?: string;
  discordClientId?: string;
  discordGuildId?: string;
  /** Discord's REST base URL; only set to point the bot at a stand-in for testing. */
  discordApiUrl?: string;
  seedsDir: string;
  cacheDir: string;
  /** Where feedback (votes, unanswered questions) is kept across restarts. */
  dataDir: string;
  feedbackMaxBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxFileBytes: number;
  /** The list of RSS/Atom/JSON feeds to follow. */
  feedsFile: string;
  feedPollMs: number;
  /** Pause between two requests to the same site. */
  feedHostPauseMs: number;
  /** Time-out for one page or feed, redirects and body included. */
  fetchTimeoutMs: number;
  /** Let fetches reach this machine and the local network: only for tests. */
  allowPrivateUrls: boolean;
  /**
   * Where `/add` puts a page: in the server's own collection (`server`, seen only there) or
   * in the shared one (`shared`, seen by every server).
   */
  addScope: 'server' | 'shared';
  /** Days a server's own articles are kept after the bot leaves it, before they are removed. */
  serverDataDays: number;
  /**
   * PostgreSQL (DATABASE_URL): the archive, feedback and feed memory of every process and
   * host. `readUrl` (DATABASE_READ_URL), a read replica, serves the searches; writes, jobs and
   * locks always go to the primary.
   */
  database?: { url: string; readUrl?: string; poolSize: number };
  /**
   * Which gateway shards this process runs: Discord's recommendation (`auto`), or these ids
   * out of `count` (SHARDS=N runs 0…N-1; SHARD_COUNT with SHARD_IDS splits them over hosts).
   */
  shards: 'auto' | { ids: number[]; count: number };
  /** Run the shards in this many child processes under discord.js's ShardingManager. */
  shardProcesses?: number;
  /**
   * Set in a child process started by the ShardingManager (which sets SHARDING_MANAGER,
   * SHARDS and SHARD_COUNT for it): which of how many processes this one is.
   */
  managed?: { process: number; processes: number };
  /** A language model that writes answers from the passages found; none, quoted answers. */
  llm?: LlmConfig;
  /** Where `/metrics` and `/healthz` are served; no port, no endpoint. */
  metricsPort?: number;
  metricsHost: string;
}

/** The LLM_* settings, present only when LLM_BASE_URL and LLM_MODEL are both set. */
export interface LlmConfig {
  baseUrl: string;
  model: string;
  /** A secret: never logged, never in an error message or a metric. */
  apiKey?: string;
  timeoutMs: number;
  /** Numbered passages the model is given. */
  passages: number;
  maxAnswerTokens: number;
  /** The prompt is kept under this many tokens (characters / 4). */
  promptTokens: number;
  /** Tokens all model calls may use per UTC day, over every process; none, no budget. */
  dailyTokens?: number;
  userPerHour: number;
  serverPerHour: number;
}

/** A valid config, or one line per invalid variable. */
export type ConfigResult =
  | { ok: true; config: Readonly<Config> }
  | { ok: false; problems: string[] };

/**
 * Builds the config from environment variables, after those in an optional `.env` file (the
 * environment wins). This is the only module that reads the environment; everything else is
 * handed what it needs. Messages name the variable but never echo its value, as it may be a secret.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  envFile = '.env',
): ConfigResult {
  let fromFile: Record<string, string> = {};
  if (envFile && existsSync(envFile)) {
    try {
      fromFile = parseDotenv(readFileSync(envFile));
    } catch {
      return { ok: false, problems: [`${envFile} could not be read`] };
    }
  }
  const input: Record<string, string> = { ...fromFile, ...definedOnly(env) };
  // discord.js's ShardingManager tells its children which shard process they are in SHARDS
  // and SHARD_COUNT; those are then its numbers, not the admin's.
  let managed: Config['managed'];
  if (input.SHARDING_MANAGER === 'true') {
    managed = { process: Number(input.SHARDS), processes: Number(input.SHARD_COUNT) };
    delete input.SHARDS;
    delete input.SHARD_COUNT;
    delete input.SHARD_IDS;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'configuration');
        return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
      }),
    };
  }
  const v = parsed.data;
  const shards = readShards(v.SHARDS, v.SHARD_COUNT, v.SHARD_IDS);
  if (Boolean(v.LLM_BASE_URL) !== Boolean(v.LLM_MODEL))
    return {
      ok: false,
      problems: [
        v.LLM_BASE_URL
          ? 'LLM_MODEL must name the model to use with LLM_BASE_URL'
          : 'LLM_BASE_URL must be set to use LLM_MODEL (the model server, such as https://api.openai.com/v1)',
      ],
    };
  if (typeof shards === 'string' && shards !== 'auto') return { ok: false, problems: [shards] };
  const config: Config = {
    seedsDir: v.SEEDS_DIR,
    cacheDir: v.CACHE_DIR,
    dataDir: v.DATA_DIR,
    feedbackMaxBytes: Math.round(v.FEEDBACK_MAX_MB * 1024 * 1024),
    logLevel: v.LOG_LEVEL,
    maxFileBytes: Math.round(v.MAX_FILE_MB * 1024 * 1024),
    feedsFile: v.FEEDS_FILE,
    feedPollMs: Math.round(v.FEED_POLL_MINUTES * 60_000),
    feedHostPauseMs: Math.round(v.FEED_HOST_PAUSE_SECONDS * 1000),
    fetchTimeoutMs: Math.round(v.FETCH_TIMEOUT_SECONDS * 1000),
    allowPrivateUrls: ['true', '1', 'yes'].includes(v.ALLOW_PRIVATE_URLS),
    addScope: v.ADD_SCOPE,
    serverDataDays: v.SERVER_DATA_DAYS,
    metricsHost: v.METRICS_HOST,
    shards: shards as Config['shards'],
  };
  if (v.METRICS_PORT !== undefined) config.metricsPort = v.METRICS_PORT;
  if (v.SHARD_PROCESSES !== undefined) config.shardProcesses = Number(v.SHARD_PROCESSES);
  if (managed && Number.isInteger(managed.process) && managed.processes >= 1)
    config.managed = managed;
  if (v.LLM_BASE_URL && v.LLM_MODEL)
    config.llm = Object.freeze({
      baseUrl: v.LLM_BASE_URL.replace(/\/+$/, ''),
      model: v.LLM_MODEL,
      ...(v.LLM_API_KEY ? { apiKey: v.LLM_API_KEY } : {}),
      timeoutMs: Math.round(v.LLM_TIMEOUT_SECONDS * 1000),
      passages: v.LLM_PASSAGES,
      maxAnswerTokens: v.LLM_MAX_ANSWER_TOKENS,
      promptTokens: v.LLM_PROMPT_TOKENS,
      ...(v.LLM_DAILY_TOKENS !== undefined ? { dailyTokens: v.LLM_DAILY_TOKENS } : {}),
      userPerHour: v.LLM_USER_ANSWERS_PER_HOUR,
      serverPerHour: v.LLM_SERVER_ANSWERS_PER_HOUR,
    });
  if (v.DATABASE_URL)
    config.database = Object.freeze({
      url: v.DATABASE_URL,
      ...(v.DATABASE_READ_URL ? { readUrl: v.DATABASE_READ_URL } : {}),
      poolSize: v.DATABASE_POOL_SIZE,
    });
  if (v.DISCORD_TOKEN) config.discordToken = v.DISCORD_TOKEN;
  if (v.DISCORD_CLIENT_ID) config.discordClientId = v.DISCORD_CLIENT_ID;
  if (v.DISCORD_GUILD_ID) config.discordGuildId = v.DISCORD_GUILD_ID;
  if (v.DISCORD_API_URL) config.discordApiUrl = v.DISCORD_API_URL.replace(/\/+$/, '');
  return { ok: true, config: Object.freeze(config) };
}

/** The shard plan, or one line saying what is wrong with the three settings together. */
function readShards(
  shards: string,
  count: string | undefined,
  ids: string | undefined,
): Config['shards'] | string {
  if (ids === undefined && count === undefined) {
    if (shards === 'auto') return 'auto';
    const n = Number(shards);
    return { ids: Array.from({ length: n }, (_, i) => i), count: n };
  }
  if (count === undefined) return 'SHARD_IDS needs SHARD_COUNT, the total number of shards';
  const total = Number(count);
  if (ids === undefined) return { ids: Array.from({ length: total }, (_, i) => i), count: total };
  const listed = new Set<number>();
  for (const part of ids.split(',')) {
    const [from, to = from] = part.split('-').map((n) => Number(n.trim()));
    for (let id = from as number; id <= (to as number); id++) listed.add(id);
  }
  const sorted = [...listed].sort((a, b) => a - b);
  if (sorted.length === 0 || (sorted.at(-1) as number) >= total)
    return `SHARD_IDS must be shard ids below SHARD_COUNT (${total})`;
  return { ids: sorted, count: total };
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  return result;
}

/**
 * Every secret in the config, which the logger masks wherever it appears: the Discord token,
 * the model key and the database password.
 */
export function secretsOf(config: Config): string[] {
  const passwords = [config.database?.url, config.database?.readUrl].map((url) => {
    try {
      return url ? decodeURIComponent(new URL(url).password) : '';
    } catch {
      // Not a URL the schema let through: nothing to mask.
      return '';
    }
  });
  return [config.discordToken ?? '', config.llm?.apiKey ?? '', ...passwords].filter(
    (s) => s !== '',
  );
}
