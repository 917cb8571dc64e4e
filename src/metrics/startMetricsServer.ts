import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotMetrics } from './BotMetrics.js';

/** A running metrics endpoint. */
export interface MetricsServer {
  /** The address it listens on, e.g. `http://127.0.0.1:9464`. */
  url: string;
  /** What `/healthz` says: 200 when ready, 503 while starting or stopping. */
  setReady(ready: boolean): void;
  close(): Promise<void>;
}

/**
 * Serves `/metrics` (Prometheus text format) and `/healthz` on `host:port`, by default on
 * 127.0.0.1 only: the numbers are for the operator's scraper, not for the internet. A port of 0
 * picks a free one (tests).
 */
export async function startMetricsServer(
  metrics: BotMetrics,
  options: { port: number; host?: string },
): Promise<MetricsServer> {
  let ready = false;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      response
        .writeHead(ready ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' })
        .end(ready ? 'ok\n' : 'not ready\n');
      return;
    }
    if (path === '/metrics') {
      metrics.text().then(
        (text) =>
          response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => response.writeHead(500).end('metrics could not be collected\n'),
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    setReady: (value) => {
      ready = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
