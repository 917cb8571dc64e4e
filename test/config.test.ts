import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, secretsOf } from '../src/config.js';

describe('loadConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has working defaults with an empty environment', () => {
    const result = loadConfig({}, '');
    expect(result).toEqual({
      ok: true,
      config: {
        seedsDir: 'seeds',
        cacheDir: '.cache',
        dataDir: '.data',
        feedbackMaxBytes: 5 * 1024 * 1024,
        logLevel: 'info',
        maxFileBytes: 5 * 1024 * 1024,
        feedsFile: 'feeds.yml',
        feedPollMs: 15 * 60_000,
        feedHostPauseMs: 1000,
        fetchTimeoutMs: 15_000,
        allowPrivateUrls: false,
        addScope: 'server',
        serverDataDays: 30,
        metricsHost: '127.0.0.1',
        shards: 'auto',
      },
    });
    expect(result.ok && Object.isFrozen(result.config)).toBe(true);
  });

  it('takes fractions of a minute down to 3 seconds for the feed poll, for tests', () => {
    const fast = loadConfig({ FEED_POLL_MINUTES: '0.05' }, '');
    expect(fast.ok && fast.config.feedPollMs).toBe(3000);
    const tooFast = loadConfig({ FEED_POLL_MINUTES: '0.01' }, '');
    expect(tooFast.ok ? '' : tooFast.problems.join('\n')).toMatch(
      /FEED_POLL_MINUTES must be at least 0.05 \(3 seconds\)/,
    );
  });

  it('reads where /add puts pages and how long a left server’s articles are kept', () => {
    const result = loadConfig({ ADD_SCOPE: 'Shared', SERVER_DATA_DAYS: '7' }, '');
    expect(result.ok && [result.config.addScope, result.config.serverDataDays]).toEqual([
      'shared',
      7,
    ]);
    const bad = loadConfig({ ADD_SCOPE: 'everyone', SERVER_DATA_DAYS: '-1' }, '');
    expect(bad.ok).toBe(false);
    const problems = bad.ok ? '' : bad.problems.join('\n');
    expect(problems).toMatch(/ADD_SCOPE must be server or shared/);
    expect(problems).toMatch(/SERVER_DATA_DAYS must be 0 or more/);
  });

  it('reads every variable and treats empty values as unset', () => {
    const result = loadConfig(
      {
        DISCORD_TOKEN: 'abc.def.ghi',
        DISCORD_CLIENT_ID: '123456789012345678',
        DISCORD_GUILD_ID: '',
        DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
        SEEDS_DIR: 'articles',
        CACHE_DIR: '/tmp/newsdesk-cache',
        DATA_DIR: '/tmp/newsdesk-data',
        FEEDBACK_MAX_MB: '2',
        LOG_LEVEL: 'debug',
        MAX_FILE_MB: '0.5',
        FEEDS_FILE: 'config/feeds.yml',
        FEED_POLL_MINUTES: '5',
        FEED_HOST_PAUSE_SECONDS: '0',
        FETCH_TIMEOUT_SECONDS: '2.5',
        ALLOW_PRIVATE_URLS: 'TRUE',
        METRICS_PORT: '9464',
        METRICS_HOST: '0.0.0.0',
        SHARD_COUNT: '4',
        SHARD_IDS: '0, 2-3',
      },
      '',
    );
    expect(result).toEqual({
      ok: true,
      config: {
        discordToken: 'abc.def.ghi',
        discordClientId: '123456789012345678',
        discordApiUrl: 'http://127.0.0.1:8080/api',
        seedsDir: 'articles',
        cacheDir: '/tmp/newsdesk-cache',
        dataDir: '/tmp/newsdesk-data',
        feedbackMaxBytes: 2 * 1024 * 1024,
        logLevel: 'debug',
        maxFileBytes: 524288,
        feedsFile: 'config/feeds.yml',
        feedPollMs: 5 * 60_000,
        feedHostPauseMs: 0,
        fetchTimeoutMs: 2500,
        allowPrivateUrls: true,
        addScope: 'server',
        serverDataDays: 30,
        metricsPort: 9464,
        metricsHost: '0.0.0.0',
        shards: { ids: [0, 2, 3], count: 4 },
      },
    });
  });

  it('names each invalid variable in a clear message, without echoing values', () => {
    const result = loadConfig(
      {
        LOG_LEVEL: 'loud',
        MAX_FILE_MB: 'lots',
        DISCORD_CLIENT_ID: 'my-secret-app',
        ALLOW_PRIVATE_URLS: 'sometimes',
        METRICS_PORT: '99999',
      },
      '',
    );
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/METRICS_PORT must be a port number \(0 to 65535\)/);
    expect(problems.join('\n')).toMatch(/ALLOW_PRIVATE_URLS must be true or false/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL must be one of/);
    expect(problems.join('\n')).toMatch(/MAX_FILE_MB must be a number/);
    expect(problems.join('\n')).toMatch(/DISCORD_CLIENT_ID must be a Discord id/);
    expect(problems.join('\n')).not.toContain('my-secret-app');
  });

  it('reads the shards to run: auto, a number, or ids out of a total, and says what is wrong', () => {
    const shardsOf = (env: Record<string, string>) => {
      const result = loadConfig(env, '');
      return result.ok ? result.config.shards : result.problems;
    };
    expect(shardsOf({ SHARDS: '3' })).toEqual({ ids: [0, 1, 2], count: 3 });
    expect(shardsOf({ SHARDS: 'AUTO' })).toBe('auto');
    expect(shardsOf({ SHARD_COUNT: '2' })).toEqual({ ids: [0, 1], count: 2 });
    expect(shardsOf({ SHARD_IDS: '1' })).toEqual([
      'SHARD_IDS needs SHARD_COUNT, the total number of shards',
    ]);
    expect(shardsOf({ SHARD_IDS: '1-4', SHARD_COUNT: '4' })).toEqual([
      'SHARD_IDS must be shard ids below SHARD_COUNT (4)',
    ]);
    expect(shardsOf({ SHARDS: 'many' })).toEqual(['SHARDS must be auto or a number of shards']);
    expect(shardsOf({ SHARD_IDS: 'first', SHARD_COUNT: '2' })).toEqual([
      'SHARD_IDS must list shard ids, like 0,1 or 2-3',
    ]);
  });

  it('reads a .env file, with the environment taking precedence', async () => {
    const file = path.join(dir, '.env');
    await writeFile(file, 'SEEDS_DIR=from-file\nLOG_LEVEL=warn\n# a comment\n');
    const result = loadConfig({ LOG_LEVEL: 'error' }, file);
    expect(result.ok && result.config).toMatchObject({ seedsDir: 'from-file', logLevel: 'error' });
  });

  it('reads the language model settings only together, and never echoes the key', () => {
    const none = loadConfig({}, '');
    expect(none.ok && none.config.llm).toBeUndefined();
    const loaded = loadConfig(
      {
        LLM_BASE_URL: 'http://localhost:11434/v1/',
        LLM_MODEL: 'llama3.1:8b',
        LLM_API_KEY: 'sk-a-real-secret-value',
        LLM_DAILY_TOKENS: '200000',
      },
      '',
    );
    expect(loaded).toMatchObject({
      ok: true,
      config: {
        llm: {
          baseUrl: 'http://localhost:11434/v1',
          model: 'llama3.1:8b',
          apiKey: 'sk-a-real-secret-value',
          timeoutMs: 20_000,
          passages: 8,
          promptTokens: 3000,
          dailyTokens: 200_000,
        },
      },
    });
    const half = loadConfig({ LLM_BASE_URL: 'http://localhost:8080/v1' }, '');
    expect(half).toEqual({ ok: false, problems: [expect.stringMatching(/^LLM_MODEL must name/)] });
    const bad = loadConfig(
      { LLM_BASE_URL: 'sk-a-real-secret-value', LLM_MODEL: 'm', LLM_TIMEOUT_SECONDS: 'soon' },
      '',
    );
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).not.toContain('sk-a-real-secret-value');
    expect(JSON.stringify(bad)).toMatch(/LLM_BASE_URL must be an http\(s\) URL/);
    expect(JSON.stringify(bad)).toMatch(/LLM_TIMEOUT_SECONDS must be a number/);
  });

  it('reads DATABASE_URL as a postgres:// address and masks its password as a secret', () => {
    const loaded = loadConfig(
      {
        DATABASE_URL: 'postgres://news:s%3Ecret@db.example:5432/newsdesk',
        DATABASE_POOL_SIZE: '4',
      },
      '',
    );
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    expect(loaded.config.database).toEqual({
      url: 'postgres://news:s%3Ecret@db.example:5432/newsdesk',
      poolSize: 4,
    });
    expect(secretsOf(loaded.config)).toContain('s>cret');
    const wrong = loadConfig({ DATABASE_URL: 'mysql://news:hunter2@db/newsdesk' }, '');
    expect(wrong).toEqual({ ok: false, problems: ['DATABASE_URL must be a postgres:// address'] });
    const none = loadConfig({}, '');
    expect(none.ok && none.config.database).toBeUndefined();
  });
});
