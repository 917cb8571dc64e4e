import type pg from 'pg';
import type { DeliveryRecords } from '../../delivery/DeliveryRecords.js';
import {
  asDeliveryState,
  DeliveryState,
  type DeliveryStateFile,
  emptyDeliveryState,
} from '../../delivery/DeliveryState.js';
import { readSubscription, type SubscriptionStore } from '../../delivery/SubscriptionStore.js';
import type { Subscription } from '../../delivery/types.js';
import { withDatabase } from './withDatabase.js';

/**
 * The database mode's {@link DeliveryRecords}: the subscriptions in `subscriptions`, one row
 * each, and the deliverer's record in the one row of `delivery_state`. A process that takes
 * the job raises the row's generation, and each save names the generation it read: a process
 * that lost the job (its connection dropped, another host took over) can no longer overwrite
 * what the new one records.
 */
export function databaseDeliveryRecords(pool: pg.Pool): DeliveryRecords {
  return {
    subscriptions: databaseSubscriptions(pool),

    readRecord: async () => {
      const { rows } = await pool.query<{ state: unknown }>(
        'SELECT state FROM delivery_state WHERE id = 1',
      );
      return asDeliveryState(rows[0]?.state);
    },

    openRecord: async () => {
      const { rows } = await pool.query<{ state: unknown; generation: string }>(
        `INSERT INTO delivery_state (id, state, generation) VALUES (1, $1::jsonb, 1)
         ON CONFLICT (id) DO UPDATE SET generation = delivery_state.generation + 1
         RETURNING state, generation`,
        [JSON.stringify(emptyDeliveryState())],
      );
      const [row] = rows;
      if (!row) throw new Error('delivery_state returned no row');
      const read = asDeliveryState(row.state);
      const save = async (json: string) => {
        const { rowCount } = await pool.query(
          `UPDATE delivery_state SET state = $1::jsonb, updated_at = now()
           WHERE id = 1 AND generation = $2`,
          [json, row.generation],
        );
        if (rowCount === 0)
          throw new Error('another process delivers now; this one stopped recording');
      };
      return read
        ? { state: new DeliveryState(read, save) }
        : {
            state: new DeliveryState(emptyDeliveryState(), save),
            problem: 'the delivery record in the database could not be read; starting afresh',
          };
    },
  };
}

/** Follows, alerts and briefings, one row each, for every shard process and host. */
function databaseSubscriptions(pool: pg.Pool): SubscriptionStore {
  return {
    save: async (subscription) => {
      await pool.query(
        `INSERT INTO subscriptions (id, record) VALUES ($1, $2::jsonb)
         ON CONFLICT (id) DO UPDATE SET record = excluded.record, updated_at = now()`,
        [subscription.id, JSON.stringify(subscription)],
      );
    },
    remove: async (id) =>
      ((await pool.query('DELETE FROM subscriptions WHERE id = $1', [id])).rowCount ?? 0) > 0,
    get: async (id) => {
      const { rows } = await pool.query<{ record: unknown }>(
        'SELECT record FROM subscriptions WHERE id = $1',
        [id],
      );
      return readSubscription(rows[0]?.record);
    },
    list: async () => {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM subscriptions');
      return rows
        .map((row) => readSubscription(row.record))
        .filter((s): s is Subscription => s !== undefined)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
  };
}

/**
 * The deliverer's record in the database, for `cli deliveries`: one line for a person when the
 * database cannot be used.
 */
export async function readDeliveryRecord(database: {
  url: string;
  poolSize: number;
}): Promise<{ ok: true; record?: DeliveryStateFile } | { ok: false; problem: string }> {
  const read = await withDatabase(database, (pool) => databaseDeliveryRecords(pool).readRecord());
  if (!read.ok) return read;
  return { ok: true, ...(read.value ? { record: read.value } : {}) };
}
