import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { FeedbackStore } from '../feedback/FeedbackStore.js';

/** The feedback store, or nothing (with a warning) when DATA_DIR cannot be used. */
export function openFeedback(
  config: Config,
  logger: Logger,
  processName?: string,
): { feedback?: FeedbackStore } {
  const name = processName ?? hostName(config);
  try {
    return {
      feedback: FeedbackStore.open(config.dataDir, {
        maxBytes: config.feedbackMaxBytes,
        ...(name ? { name } : {}),
      }),
    };
  } catch (error) {
    logger.warn(
      { err: error, dir: config.dataDir },
      'cannot write to DATA_DIR; answering without keeping feedback',
    );
    return {};
  }
}

/**
 * Processes that share DATA_DIR each keep logs of their own, which readers add up: a host that
 * runs some of the shards is named after them.
 */
export function hostName(config: Config): string | undefined {
  return config.shards !== 'auto' && config.shards.ids.length < config.shards.count
    ? `shards-${config.shards.ids.join('-')}`
    : undefined;
}
