import type { Logger } from 'pino';

/**
 * Keeps one forgotten promise from taking the whole bot down: an unhandled rejection is
 * logged with its stack and where it came from, and the process carries on answering.
 */
export function installProcessHandlers(logger: Logger): void {
  process.on('unhandledRejection', (reason, promise) => {
    logger.error(
      { err: reason, promise: String(promise) },
      'unhandled promise rejection; carrying on',
    );
  });
  process.on('warning', (warning) => logger.warn({ err: warning }, 'process warning'));
}
