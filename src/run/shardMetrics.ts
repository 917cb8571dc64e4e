import type { Client, ShardingManager } from 'discord.js';
import type { BotMetrics, MetricsSnapshot } from '../metrics/BotMetrics.js';

/** A client with the hook its manager's scrapes read this process's metrics through. */
type ClientWithMetrics = Client & { newsdeskMetrics?: () => Promise<MetricsSnapshot> };

/** How long the manager waits for its shard processes' metrics. */
const GATHER_METRICS_MS = 2000;

/**
 * Lets the manager read this shard process's metrics: its broadcastEval runs in this process
 * with the client as its argument, so the client is where the hook must be.
 */
export function exposeMetricsToManager(client: Client, metrics: BotMetrics): void {
  (client as ClientWithMetrics).newsdeskMetrics = () => metrics.snapshot();
}

/** Every shard process's metrics, or those that answered within a moment. */
export async function gatherShardMetrics(
  manager: ShardingManager | undefined,
): Promise<MetricsSnapshot[]> {
  if (!manager) return [];
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<MetricsSnapshot[]>((resolve) => {
    timer = setTimeout(() => resolve([]), GATHER_METRICS_MS);
  });
  // What comes back has been through JSON between the processes: plain data, as aggregated.
  const gathered = manager
    .broadcastEval((client) => (client as ClientWithMetrics).newsdeskMetrics?.() ?? null)
    .then((all) => (all as unknown[]).filter(Array.isArray) as MetricsSnapshot[])
    .catch(() => [] as MetricsSnapshot[]);
  return Promise.race([gathered, late]).finally(() => clearTimeout(timer));
}
