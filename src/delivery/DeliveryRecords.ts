import type { DeliveryState, DeliveryStateFile } from './DeliveryState.js';
import type { SubscriptionStore } from './SubscriptionStore.js';

/**
 * Where delivery keeps what it must not forget: the subscriptions, and the deliverer's record
 * of its posts. The folder mode keeps both in `DATA_DIR` ({@link folderDeliveryRecords}); with
 * DATABASE_URL they are tables every host shares, so whichever host delivers next carries on
 * where the last one stopped.
 */
export interface DeliveryRecords {
  subscriptions: SubscriptionStore;
  /** The deliverer's record as last saved, read-only: `/following`, `/alerts`, `cli deliveries`. */
  readRecord(): Promise<DeliveryStateFile | undefined>;
  /**
   * The record for the process that delivers, read afresh each time it takes the job (another
   * process may have delivered meanwhile); `problem` when it had to start afresh.
   */
  openRecord(): Promise<{ state: DeliveryState; problem?: string }>;
}
