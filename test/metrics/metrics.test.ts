import { afterEach, describe, expect, it } from 'vitest';
import { BotMetrics } from '../../src/metrics/BotMetrics.js';
import { type MetricsServer, startMetricsServer } from '../../src/metrics/startMetricsServer.js';
import { sample } from './sample.js';

let server: MetricsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startMetricsServer', () => {
  it('says 503 on /healthz until ready, 200 once ready, and 503 again while stopping', async () => {
    server = await startMetricsServer(new BotMetrics(), { port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
    server.setReady(true);
    const ready = await fetch(`${server.url}/healthz`);
    expect([ready.status, await ready.text()]).toEqual([200, 'ok\n']);
    server.setReady(false);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
    expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('serves the counters, the latency histogram and the live gauges in Prometheus format', async () => {
    const metrics = new BotMetrics({
      index: () => ({ articles: 12, passages: 340 }),
      shards: () => [
        { id: 0, status: 0, pingMs: 42 },
        { id: 1, status: 5, pingMs: -1 },
      ],
    });
    server = await startMetricsServer(metrics, { port: 0 });
    metrics.recordAnswer('answered', 0.0015);
    metrics.recordAnswer('answered', 0.004);
    metrics.recordAnswer('not_found', 0.0008);
    metrics.recordFeedPoll(true);
    metrics.recordFeedPoll(false);
    metrics.recordFeedItem('added');
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(sample(text, 'newsdesk_questions_total{outcome="answered"}')).toBe(2);
    expect(sample(text, 'newsdesk_questions_total{outcome="hedged"}')).toBe(0);
    expect(sample(text, 'newsdesk_questions_total{outcome="not_found"}')).toBe(1);
    expect(sample(text, 'newsdesk_answer_seconds_count')).toBe(3);
    expect(sample(text, 'newsdesk_answer_seconds_bucket{le="0.001"}')).toBe(1);
    expect(sample(text, 'newsdesk_answer_seconds_bucket{le="0.002"}')).toBe(2);
    expect(sample(text, 'newsdesk_articles_indexed')).toBe(12);
    expect(sample(text, 'newsdesk_passages_indexed')).toBe(340);
    expect(sample(text, 'newsdesk_shard_status{shard="0"}')).toBe(0);
    expect(sample(text, 'newsdesk_shard_status{shard="1"}')).toBe(5);
    expect(sample(text, 'newsdesk_shard_ping_seconds{shard="0"}')).toBe(0.042);
    expect(sample(text, 'newsdesk_shard_ping_seconds{shard="1"}')).toBeUndefined();
    expect(sample(text, 'newsdesk_feed_polls_total{result="failed"}')).toBe(1);
    expect(sample(text, 'newsdesk_feed_items_total{status="added"}')).toBe(1);
    expect(sample(text, 'newsdesk_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('keeps each instance’s counts apart', async () => {
    const first = new BotMetrics();
    const second = new BotMetrics();
    first.recordAnswer('hedged', 0.001);
    expect(sample(await second.text(), 'newsdesk_questions_total{outcome="hedged"}')).toBe(0);
    expect(sample(await first.text(), 'newsdesk_questions_total{outcome="hedged"}')).toBe(1);
  });
});
