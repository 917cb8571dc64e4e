import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { BotMetrics } from '../metrics/BotMetrics.js';
import { type MetricsServer, startMetricsServer } from '../metrics/startMetricsServer.js';

/**
 * `/metrics` and `/healthz` on METRICS_HOST:METRICS_PORT, when a port is set. A port that
 * cannot be used is logged and the bot runs without them: readers come before dashboards.
 */
export async function serveMetrics(
  config: Config,
  metrics: BotMetrics,
  logger: Logger,
): Promise<MetricsServer | undefined> {
  if (config.metricsPort === undefined) return undefined;
  try {
    const server = await startMetricsServer(metrics, {
      port: config.metricsPort,
      host: config.metricsHost,
    });
    logger.info({ url: server.url }, 'metrics served at /metrics, health at /healthz');
    return server;
  } catch (error) {
    logger.error(
      { err: error, port: config.metricsPort },
      'cannot serve metrics on that port; running without them',
    );
    return undefined;
  }
}
