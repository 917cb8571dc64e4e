import type { Client } from 'discord.js';

/** How long the other processes get to answer. */
const GATHER_TIMEOUT_MS = 1500;

/** The bot's reach across every shard and process, for `/stats`. */
export interface ShardSummary {
  servers: number;
  shards: number;
  processes: number;
  /** The slowest shard's heartbeat round trip, in milliseconds (-1 before the first). */
  worstPingMs: number;
}

/**
 * Live numbers over all shards: in a shard process of a ShardingManager they are gathered
 * from every process with `fetchClientValues`; otherwise this process holds every shard. A
 * process that does not answer in time leaves the numbers to the ones that did.
 */
export async function readShardSummary(client: Client): Promise<ShardSummary> {
  const local = {
    servers: client.guilds.cache.size,
    shards: client.ws.shards.size,
    ping: Math.max(-1, ...[...client.ws.shards.values()].map((shard) => shard.ping)),
  };
  if (!client.shard) return { ...local, processes: 1, worstPingMs: local.ping };
  try {
    const gathered = Promise.all([
      client.shard.fetchClientValues('guilds.cache.size'),
      client.shard.fetchClientValues('ws.shards.size'),
      client.shard.fetchClientValues('ws.ping'),
    ]);
    // Discord waits three seconds for the reply; a stuck process must not cost the answer.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('shards too slow')), GATHER_TIMEOUT_MS);
    });
    const [servers, shards, pings] = (await Promise.race([gathered, late]).finally(() =>
      clearTimeout(timer),
    )) as [number[], number[], number[]];
    return {
      servers: servers.reduce((sum, n) => sum + n, 0),
      shards: shards.reduce((sum, n) => sum + n, 0),
      processes: servers.length,
      worstPingMs: Math.max(-1, ...pings),
    };
  } catch {
    return { ...local, processes: 1, worstPingMs: local.ping };
  }
}
