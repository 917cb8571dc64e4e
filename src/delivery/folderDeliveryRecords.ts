import type { DeliveryRecords } from './DeliveryRecords.js';
import { DeliveryState } from './DeliveryState.js';
import { SubscriptionFiles } from './SubscriptionFiles.js';

/** The folder mode's {@link DeliveryRecords}: files in `DATA_DIR`. */
export function folderDeliveryRecords(dataDir: string): DeliveryRecords {
  return {
    subscriptions: new SubscriptionFiles(dataDir),
    readRecord: async () => DeliveryState.read(dataDir),
    openRecord: async () => DeliveryState.open(dataDir),
  };
}
